// The list of changes of a proposal: one card per change, with the fields of its kind.
import { DeleteOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Tag } from 'antd';
import type { FormListFieldData } from 'antd';
import { useMemo, type ReactNode } from 'react';
import {
  AFFILIATIONS,
  ENTRY_CHANNELS,
  FUNDING_FORMS,
  INSTITUTION_TYPES,
  LEADERSHIP_LEVELS,
  POST_LEVELS,
  QUOTA_TYPES,
  SECTORS,
  UNIT_CATEGORIES,
  UNIT_RANKS,
} from '../../../../src/common/labels.ts';
import type { ChangeKind, PersonSummary, UnitNode } from '../../api/index.ts';
import { CHANGE_KIND_ORDER, CHANGE_KINDS, LEAVE_REASONS, PLAN_CHANNELS } from '../../lib/matter-labels.ts';
import {
  idNumberProblem,
  newDraft,
  plannedUnits,
  transferBalance,
  type ChangeDraft,
  type ChangesValues,
  type TransferLineDraft,
} from './drafts.ts';
import { PersonPicker, UnitPicker, UnitsPicker } from './pickers.tsx';

const options = <T extends string>(values: readonly T[]) => values.map((v) => ({ value: v, label: v }));

const required = (message: string) => [{ required: true, message }];

const KIND_HINTS: Partial<Record<ChangeKind, string>> = {
  transfer:
    '从一个或几个单位调出编制，调入其他单位；调出合计须等于调入合计（增减平衡）。减上补下即从部门调往乡镇。',
  quotaAdd: '核增后全县同类编制不得超过严控总量。',
  poolBorrow: '从全县周转池借用事业编制，须按借用数归还。',
  poolReturn: '归还此前借用的周转池事业编制。',
  posts: '填写调整后的核定职数。',
  recruitmentPlan: '计划数不得超过该单位实际空编减去已批准未使用的计划。',
  enter: '选择已批准的待入编人员，或录入新人员的身份证号和姓名。',
  leave: '人员下编后，其所占编制即行空出。',
  duty: '把一项职责从一个机构的职责任务中划出，写入承接机构的职责任务；实施后两个机构各有新的版本。',
};

interface EditorContext {
  region: string;
  units: readonly UnitNode[];
  unitsLoading: boolean;
  /** A liaison must name their own unit as the parent of a new unit. */
  parentRequired: boolean;
}

function Half({ children }: { children: ReactNode }) {
  return (
    <Col xs={24} md={12} xl={8}>
      {children}
    </Col>
  );
}

function UnitField({
  ctx,
  name,
  index,
  field = 'unitId',
  label = '机构',
  testSuffix = 'unit',
}: {
  ctx: EditorContext;
  name: number;
  index: number;
  field?: 'unitId' | 'intoUnitId';
  label?: string;
  testSuffix?: string;
}) {
  return (
    <Half>
      <Form.Item label={label} name={[name, field]} rules={required(`请选择${label}`)}>
        <UnitPicker
          units={ctx.units}
          loading={ctx.unitsLoading}
          testId={`change-${String(index)}-${testSuffix}`}
        />
      </Form.Item>
    </Half>
  );
}

function QuotaTypeField({
  name,
  index,
  testId,
  only,
}: {
  name: number;
  index: number;
  testId?: string;
  only?: readonly (typeof QUOTA_TYPES)[number][];
}) {
  return (
    <Half>
      <Form.Item label="编制类型" name={[name, 'quotaType']} rules={required('请选择编制类型')}>
        <Select
          data-testid={testId ?? `change-${String(index)}-quota-type`}
          options={options(only ?? QUOTA_TYPES)}
          placeholder="请选择"
        />
      </Form.Item>
    </Half>
  );
}

function CountField({
  name,
  index,
  field,
  label,
  min = 1,
}: {
  name: number;
  index: number;
  field: 'amount' | 'places' | 'approved' | 'freeNormalStudents';
  label: string;
  min?: number;
}) {
  return (
    <Half>
      <Form.Item label={label} name={[name, field]} rules={required(`请填写${label}`)}>
        <InputNumber<number>
          data-testid={`change-${String(index)}-${field}`}
          min={min}
          max={100000}
          precision={0}
          suffix="名"
          style={{ width: '100%' }}
        />
      </Form.Item>
    </Half>
  );
}

function NameField({ name, index, label }: { name: number; index: number; label: string }) {
  return (
    <Half>
      <Form.Item
        label={label}
        name={[name, 'name']}
        rules={[
          { required: true, whitespace: true, message: `请填写${label}` },
          { min: 2, message: `${label}至少2个字` },
        ]}
      >
        <Input data-testid={`change-${String(index)}-name`} maxLength={100} />
      </Form.Item>
    </Half>
  );
}

function EstablishFields({ ctx, name, index }: { ctx: EditorContext; name: number; index: number }) {
  const form = Form.useFormInstance<ChangesValues>();
  const category = Form.useWatch((values: ChangesValues) => values.changes?.[name]?.category, form);
  const institution = category === '事业单位';
  return (
    <Row gutter={16}>
      <Half>
        <Form.Item
          label="机构编码"
          name={[name, 'code']}
          rules={[{ required: true, whitespace: true, message: '请填写机构编码' }]}
        >
          <Input data-testid={`change-${String(index)}-code`} maxLength={40} />
        </Form.Item>
      </Half>
      <NameField name={name} index={index} label="机构名称" />
      <Half>
        <Form.Item label="机构类别" name={[name, 'category']} rules={required('请选择机构类别')}>
          <Select
            data-testid={`change-${String(index)}-category`}
            options={options(UNIT_CATEGORIES)}
            placeholder="请选择"
          />
        </Form.Item>
      </Half>
      <Half>
        <Form.Item
          label="上级机构"
          name={[name, 'parentUnitId']}
          rules={ctx.parentRequired ? required('部门联络员须指定本单位为上级机构') : undefined}
        >
          <UnitPicker
            units={ctx.units}
            loading={ctx.unitsLoading}
            placeholder={ctx.parentRequired ? '请选择上级机构' : '无（县直机构）'}
            testId={`change-${String(index)}-parent`}
          />
        </Form.Item>
      </Half>
      <Half>
        <Form.Item label="机构规格" name={[name, 'rank']}>
          <Select allowClear options={options(UNIT_RANKS)} placeholder="不填" />
        </Form.Item>
      </Half>
      {institution ? (
        <>
          <Half>
            <Form.Item label="隶属关系" name={[name, 'affiliation']}>
              <Select allowClear options={options(AFFILIATIONS)} placeholder="不填" />
            </Form.Item>
          </Half>
          <Half>
            <Form.Item label="占直属事业单位限额" name={[name, 'countsTowardDirectLimit']}>
              <Select
                allowClear
                placeholder="不填"
                options={[
                  { value: true, label: '是' },
                  { value: false, label: '否' },
                ]}
              />
            </Form.Item>
          </Half>
          <Half>
            <Form.Item label="经费形式" name={[name, 'funding']}>
              <Select allowClear options={options(FUNDING_FORMS)} placeholder="不填" />
            </Form.Item>
          </Half>
          <Half>
            <Form.Item label="单位类型" name={[name, 'type']}>
              <Select allowClear options={options(INSTITUTION_TYPES)} placeholder="不填" />
            </Form.Item>
          </Half>
          <Half>
            <Form.Item label="所属系统" name={[name, 'sector']}>
              <Select allowClear options={options(SECTORS)} placeholder="不填" />
            </Form.Item>
          </Half>
        </>
      ) : null}
    </Row>
  );
}

function BalanceLine({ lines }: { lines: readonly TransferLineDraft[] | undefined }) {
  const { out, into, balanced } = transferBalance(lines);
  return (
    <div data-testid="transfer-balance" data-balanced={balanced ? 'true' : 'false'}>
      <Space size={12} wrap>
        <span>
          调出合计 <strong>{out}</strong> 名
        </span>
        <span>
          调入合计 <strong>{into}</strong> 名
        </span>
        {balanced ? (
          <Tag color="success">增减平衡</Tag>
        ) : out === 0 && into === 0 ? (
          <Tag>请填写调出、调入数量</Tag>
        ) : (
          <Tag color="error">
            不平衡：{out > into ? `调出多 ${String(out - into)} 名` : `调入多 ${String(into - out)} 名`}
          </Tag>
        )}
      </Space>
    </div>
  );
}

function TransferFields({ ctx, name }: { ctx: EditorContext; name: number }) {
  const form = Form.useFormInstance<ChangesValues>();
  const lines = Form.useWatch((values: ChangesValues) => values.changes?.[name]?.lines, form);
  return (
    <>
      <Row gutter={16}>
        <QuotaTypeField name={name} index={name} testId="transfer-quota-type" />
      </Row>
      <Form.List
        name={[name, 'lines']}
        rules={[
          {
            validator: async (_, value: TransferLineDraft[] | undefined) => {
              const list = value ?? [];
              if (!list.some((l) => l.direction === 'out') || !list.some((l) => l.direction === 'in')) {
                throw new Error('调剂至少涉及一个调出单位和一个调入单位');
              }
            },
          },
        ]}
      >
        {(lineFields, { add, remove }, { errors }) => (
          <>
            {lineFields.map((line, i) => (
              <div className="bz-transfer-line" key={line.key}>
                <Form.Item name={[line.name, 'unitId']} rules={required('请选择单位')}>
                  <UnitPicker
                    units={ctx.units}
                    loading={ctx.unitsLoading}
                    placeholder="单位"
                    testId={`transfer-line-${String(i)}-unit`}
                    width={320}
                  />
                </Form.Item>
                <Form.Item name={[line.name, 'direction']} rules={required('请选择调出或调入')}>
                  <Radio.Group
                    data-testid={`transfer-line-${String(i)}-direction`}
                    optionType="button"
                    options={[
                      { value: 'out', label: '调出' },
                      { value: 'in', label: '调入' },
                    ]}
                  />
                </Form.Item>
                <Form.Item name={[line.name, 'amount']} rules={required('请填写数量')}>
                  <InputNumber<number>
                    data-testid={`transfer-line-${String(i)}-amount`}
                    min={1}
                    max={100000}
                    precision={0}
                    suffix="名"
                    placeholder="数量"
                    style={{ width: 120 }}
                  />
                </Form.Item>
                <Button
                  type="text"
                  aria-label="删除此行"
                  icon={<MinusCircleOutlined />}
                  disabled={lineFields.length <= 2}
                  onClick={() => remove(line.name)}
                />
              </div>
            ))}
            <Form.ErrorList errors={errors} />
            <Space style={{ margin: '4px 0 8px' }} wrap>
              <Button
                size="small"
                type="dashed"
                icon={<PlusOutlined />}
                data-testid="transfer-add-line"
                onClick={() => add({ direction: 'in' })}
              >
                添加单位
              </Button>
            </Space>
          </>
        )}
      </Form.List>
      <BalanceLine lines={lines} />
    </>
  );
}

function EnterFields({ ctx, name, index }: { ctx: EditorContext; name: number; index: number }) {
  const form = Form.useFormInstance<ChangesValues>();
  const mode = Form.useWatch((values: ChangesValues) => values.changes?.[name]?.personMode, form);
  const fill = (person: PersonSummary) => {
    const current = form.getFieldValue(['changes', name]) as ChangeDraft | undefined;
    if (current?.unitId === undefined) form.setFieldValue(['changes', name, 'unitId'], person.unitId);
    if (current?.quotaType === undefined)
      form.setFieldValue(['changes', name, 'quotaType'], person.quotaType);
    if (current?.entryChannel === undefined && person.channel !== null) {
      form.setFieldValue(['changes', name, 'entryChannel'], person.channel);
    }
  };
  return (
    <Row gutter={16}>
      <Col span={24}>
        <Form.Item label="上编人员" name={[name, 'personMode']}>
          <Radio.Group
            data-testid={`change-${String(index)}-person-mode`}
            options={[
              { value: 'existing', label: '选择待入编人员' },
              { value: 'new', label: '录入新人员' },
            ]}
          />
        </Form.Item>
      </Col>
      {mode === 'new' ? (
        <>
          <Half>
            <Form.Item
              label="身份证号"
              name={[name, 'idNumber']}
              rules={[
                { required: true, whitespace: true, message: '请填写身份证号' },
                {
                  validator: async (_, value: string | undefined) => {
                    if (!value) return;
                    const problem = idNumberProblem(value);
                    if (problem) throw new Error(problem);
                  },
                },
              ]}
            >
              <Input
                data-testid={`change-${String(index)}-id-number`}
                maxLength={18}
                autoComplete="off"
                className="bz-mono"
              />
            </Form.Item>
          </Half>
          <Half>
            <Form.Item
              label="姓名"
              name={[name, 'personName']}
              rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
            >
              <Input data-testid={`change-${String(index)}-person-name`} maxLength={40} />
            </Form.Item>
          </Half>
        </>
      ) : (
        <Col xs={24} xl={16}>
          <Form.Item label="待入编人员" name={[name, 'personId']} rules={required('请选择待入编人员')}>
            <PersonPicker
              region={ctx.region}
              status="待入编"
              onPicked={fill}
              testId={`change-${String(index)}-person`}
            />
          </Form.Item>
        </Col>
      )}
      <UnitField ctx={ctx} name={name} index={index} label="上编单位" />
      <QuotaTypeField name={name} index={index} />
      <Half>
        <Form.Item label="入编方式" name={[name, 'entryChannel']} rules={required('请选择入编方式')}>
          <Select
            data-testid={`change-${String(index)}-channel`}
            options={options(ENTRY_CHANNELS)}
            placeholder="请选择"
          />
        </Form.Item>
      </Half>
      <Half>
        <Form.Item label="领导职务" name={[name, 'leadershipLevel']}>
          <Select options={options(LEADERSHIP_LEVELS)} />
        </Form.Item>
      </Half>
      <Half>
        <Form.Item
          label="所用用编计划（事项编号）"
          name={[name, 'planMatterId']}
          tooltip="按已批准的用编/招考计划录用的，填写该计划事项的编号"
        >
          <InputNumber<number> min={1} precision={0} placeholder="不填" style={{ width: '100%' }} />
        </Form.Item>
      </Half>
    </Row>
  );
}

function KindFields({
  ctx,
  name,
  index,
  kind,
}: {
  ctx: EditorContext;
  name: number;
  index: number;
  kind: ChangeKind;
}) {
  switch (kind) {
    case 'establish':
      return <EstablishFields ctx={ctx} name={name} index={index} />;
    case 'abolish':
      return (
        <Row gutter={16}>
          <UnitField ctx={ctx} name={name} index={index} label="撤销的机构" />
        </Row>
      );
    case 'merge':
      return (
        <Row gutter={16}>
          <Col xs={24} md={12} xl={16}>
            <Form.Item label="被合并的机构" name={[name, 'unitIds']} rules={required('请选择被合并的机构')}>
              <UnitsPicker
                units={ctx.units}
                loading={ctx.unitsLoading}
                testId={`change-${String(index)}-units`}
              />
            </Form.Item>
          </Col>
          <Half>
            <Form.Item
              label="并入机构"
              name={[name, 'intoUnitId']}
              dependencies={[[name, 'unitIds']]}
              rules={[
                { required: true, message: '请选择并入的机构' },
                ({ getFieldValue }) => ({
                  validator: async (_, value: number | undefined) => {
                    const merged = getFieldValue(['changes', name, 'unitIds']) as number[] | undefined;
                    if (value !== undefined && merged?.includes(value)) {
                      throw new Error('并入机构不能同时是被合并的机构');
                    }
                  },
                }),
              ]}
            >
              <UnitPicker
                units={ctx.units}
                loading={ctx.unitsLoading}
                testId={`change-${String(index)}-into`}
              />
            </Form.Item>
          </Half>
        </Row>
      );
    case 'rename':
      return (
        <Row gutter={16}>
          <UnitField ctx={ctx} name={name} index={index} />
          <NameField name={name} index={index} label="新名称" />
        </Row>
      );
    case 'rank':
      return (
        <Row gutter={16}>
          <UnitField ctx={ctx} name={name} index={index} />
          <Half>
            <Form.Item label="调整后规格" name={[name, 'rank']} rules={required('请选择机构规格')}>
              <Select data-testid={`change-${String(index)}-rank`} options={options(UNIT_RANKS)} />
            </Form.Item>
          </Half>
        </Row>
      );
    case 'plaque':
      return (
        <Row gutter={16}>
          <UnitField ctx={ctx} name={name} index={index} />
          <NameField name={name} index={index} label="牌子名称" />
        </Row>
      );
    case 'quotaAdd':
    case 'quotaReduce':
      return (
        <Row gutter={16}>
          <UnitField ctx={ctx} name={name} index={index} />
          <QuotaTypeField name={name} index={index} />
          <CountField
            name={name}
            index={index}
            field="amount"
            label={kind === 'quotaAdd' ? '核增数' : '核减数'}
          />
        </Row>
      );
    case 'transfer':
      return <TransferFields ctx={ctx} name={name} />;
    case 'poolBorrow':
    case 'poolReturn':
      return (
        <Row gutter={16}>
          <UnitField ctx={ctx} name={name} index={index} />
          <CountField
            name={name}
            index={index}
            field="amount"
            label={kind === 'poolBorrow' ? '借用事业编制数' : '归还事业编制数'}
          />
        </Row>
      );
    case 'posts':
      return (
        <Row gutter={16}>
          <UnitField ctx={ctx} name={name} index={index} />
          <Half>
            <Form.Item label="职数级别" name={[name, 'level']} rules={required('请选择职数级别')}>
              <Select
                data-testid={`change-${String(index)}-level`}
                options={POST_LEVELS.map((l) => ({ value: l, label: `${l}级` }))}
              />
            </Form.Item>
          </Half>
          <CountField name={name} index={index} field="approved" label="调整后核定职数" min={0} />
        </Row>
      );
    case 'recruitmentPlan':
      return (
        <Row gutter={16}>
          <UnitField ctx={ctx} name={name} index={index} label="用编单位" />
          <QuotaTypeField name={name} index={index} />
          <Half>
            <Form.Item label="招考方式" name={[name, 'planChannel']} rules={required('请选择招考方式')}>
              <Radio.Group optionType="button" options={options(PLAN_CHANNELS)} />
            </Form.Item>
          </Half>
          <CountField name={name} index={index} field="places" label="计划数" />
          <Half>
            <Form.Item
              label="其中公费师范生"
              name={[name, 'freeNormalStudents']}
              dependencies={[[name, 'places']]}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, value: number | undefined) => {
                    const places = getFieldValue(['changes', name, 'places']) as number | undefined;
                    if (value !== undefined && places !== undefined && value > places) {
                      throw new Error('公费师范生名额不能超过计划数');
                    }
                  },
                }),
              ]}
            >
              <InputNumber<number> min={0} max={100000} precision={0} suffix="名" style={{ width: '100%' }} />
            </Form.Item>
          </Half>
        </Row>
      );
    case 'enter':
      return <EnterFields ctx={ctx} name={name} index={index} />;
    case 'duty':
      return (
        <Row gutter={16}>
          <UnitField ctx={ctx} name={name} index={index} label="划出职责的机构" />
          <UnitField
            ctx={ctx}
            name={name}
            index={index}
            field="intoUnitId"
            label="承接职责的机构"
            testSuffix="into"
          />
          <Col xs={24}>
            <Form.Item label="划转的职责" name={[name, 'duty']} rules={required('请填写划转的职责')}>
              <Input.TextArea
                data-testid={`change-${String(index)}-duty`}
                autoSize={{ minRows: 2, maxRows: 6 }}
                maxLength={2000}
                placeholder="与划出机构职责任务中的表述一致，如：负责党建引领基层治理工作"
              />
            </Form.Item>
          </Col>
        </Row>
      );
    case 'leave':
      return (
        <Row gutter={16}>
          <Col xs={24} xl={16}>
            <Form.Item label="下编人员" name={[name, 'personId']} rules={required('请选择下编人员')}>
              <PersonPicker region={ctx.region} status="在编" testId={`change-${String(index)}-person`} />
            </Form.Item>
          </Col>
          <Half>
            <Form.Item label="下编原因" name={[name, 'reason']} rules={required('请选择下编原因')}>
              <Select
                data-testid={`change-${String(index)}-reason`}
                options={options(LEAVE_REASONS)}
                placeholder="请选择"
              />
            </Form.Item>
          </Half>
        </Row>
      );
  }
}

function isChangeKind(value: unknown): value is ChangeKind {
  return typeof value === 'string' && Object.hasOwn(CHANGE_KINDS, value);
}

function ChangeCard({
  ctx,
  field,
  index,
  onRemove,
}: {
  ctx: EditorContext;
  field: FormListFieldData;
  index: number;
  onRemove: () => void;
}) {
  const form = Form.useFormInstance<ChangesValues>();
  const kind: unknown = form.getFieldValue(['changes', field.name, 'kind']);
  if (!isChangeKind(kind)) return null;
  const hint = KIND_HINTS[kind];
  return (
    <Card
      size="small"
      className="bz-change-card"
      data-testid={`change-${String(index)}`}
      title={`${String(index + 1)}. ${CHANGE_KINDS[kind]}`}
      extra={
        <Button
          type="text"
          danger
          size="small"
          icon={<DeleteOutlined />}
          data-testid={`change-${String(index)}-remove`}
          onClick={onRemove}
        >
          删除
        </Button>
      }
    >
      <Form.Item name={[field.name, 'kind']} hidden>
        <Input />
      </Form.Item>
      {hint ? (
        <div className="bz-muted" style={{ marginBottom: 8 }}>
          {hint}
        </div>
      ) : null}
      <KindFields ctx={ctx} name={field.name} index={index} kind={kind} />
    </Card>
  );
}

interface ChangesEditorProps {
  region: string;
  units: readonly UnitNode[];
  unitsLoading: boolean;
  /** A liaison's unit: the default of unit fields, and the required parent of a new unit. */
  ownUnitId: number | null;
}

/** Form.List `changes` of the surrounding Form: cards and the "添加变更" picker. */
export function ChangesEditor({ region, units, unitsLoading, ownUnitId }: ChangesEditorProps) {
  const form = Form.useFormInstance<ChangesValues>();
  const drafts = Form.useWatch('changes', form) as ChangeDraft[] | undefined;
  // Units set up by 机构设立 cards can be named by the other cards (as "本次新设").
  const planned = useMemo(() => plannedUnits(drafts), [drafts]);
  const all = useMemo(() => (planned.length > 0 ? [...units, ...planned] : units), [units, planned]);
  const ctx: EditorContext = { region, units: all, unitsLoading, parentRequired: ownUnitId !== null };
  return (
    <Form.List
      name="changes"
      rules={[
        {
          validator: async (_, value: ChangeDraft[] | undefined) => {
            if (!value || value.length === 0) throw new Error('请至少添加一项变更');
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.length === 0 ? (
            <Alert
              type="info"
              showIcon
              title="尚未添加变更。请在下方选择变更类型，一个事项可以包含多项变更。"
              style={{ marginBottom: 12 }}
            />
          ) : null}
          {fields.map((field, index) => (
            <ChangeCard
              key={field.key}
              ctx={ctx}
              field={field}
              index={index}
              onRemove={() => remove(field.name)}
            />
          ))}
          <Form.ErrorList errors={errors} />
          <Select<ChangeKind>
            data-testid="matter-add-change"
            value={null}
            placeholder={
              <span>
                <PlusOutlined /> 添加变更
              </span>
            }
            style={{ width: 240, marginTop: 4 }}
            options={CHANGE_KIND_ORDER.map((kind) => ({ value: kind, label: CHANGE_KINDS[kind] }))}
            onChange={(kind: ChangeKind) => add(newDraft(kind, ownUnitId))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </>
      )}
    </Form.List>
  );
}
