// 学生数与人口: the inputs of the staffing standards by hand, per year — students of every school
// (高中/初中/小学) and children of every kindergarten (在园幼儿); 常住人口 of the county and its
// townships and 服务人口 of the health centres. A changed figure is a correction: the server
// keeps the old one retracted. Office staff edit; others read.
import { App, Button, Card, InputNumber, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/index.ts';
import {
  defaultInputsYear,
  getPopulationInputs,
  getStudentInputs,
  savePopulationInput,
  saveStudentInput,
  type PopulationInputRow,
  type PopulationKind,
  type StudentInputRow,
} from '../../api/timeliness.ts';
import { useCurrentUser, useSession } from '../../app/session.tsx';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { parseCount } from './count.ts';
import './inputs.css';

type StudentField = 'senior' | 'junior' | 'primary' | 'preschool';
type StudentEdits = Record<number, Partial<Record<StudentField, number | null>>>;
type PopulationEdits = Record<string, number | null>;

const POPULATION_KIND: Record<PopulationKind, string> = {
  county: '全县常住人口',
  township: '乡镇常住人口',
  healthCentre: '卫生院服务人口',
};

const popKey = (r: PopulationInputRow) => (r.unitId === null ? 'region' : String(r.unitId));

/** One figure: a plain input for those who edit (accepting only counts, see count.ts), else text. */
function NumberCell({
  value,
  changed,
  editable,
  onChange,
  testId,
}: {
  value: number | null;
  changed: boolean;
  editable: boolean;
  onChange: (v: number | null) => void;
  testId: string;
}) {
  if (!editable) return <span>{value ?? '—'}</span>;
  return (
    <input
      className={changed ? 'bz-count-input bz-count-input-changed' : 'bz-count-input'}
      inputMode="numeric"
      value={value === null ? '' : String(value)}
      onChange={(e) => {
        const v = parseCount(e.target.value);
        if (v !== undefined) onChange(v);
      }}
      data-testid={testId}
    />
  );
}

export function InputsPage() {
  const me = useCurrentUser();
  const { regionCode } = useSession();
  const { message } = App.useApp();
  const editable = me.permissions.writeLedger;
  const [year, setYear] = useState<number>(defaultInputsYear);
  const [studentEdits, setStudentEdits] = useState<StudentEdits>({});
  const [popEdits, setPopEdits] = useState<PopulationEdits>({});
  const [saving, setSaving] = useState(false);

  const studentsState = useAsync(regionCode ? () => getStudentInputs(regionCode, year) : null, [
    regionCode,
    year,
  ]);
  const popState = useAsync(regionCode ? () => getPopulationInputs(regionCode, year) : null, [
    regionCode,
    year,
  ]);

  const changeYear = (y: number | null) => {
    if (y === null) return;
    setYear(y);
    setStudentEdits({});
    setPopEdits({});
  };

  const studentValue = (r: StudentInputRow, f: StudentField): number | null => {
    const e = studentEdits[r.unitId];
    return e && f in e ? (e[f] ?? null) : r[f];
  };
  const studentChanged = (r: StudentInputRow, f: StudentField) => studentValue(r, f) !== r[f];
  const popValue = (r: PopulationInputRow): number | null => {
    const k = popKey(r);
    return k in popEdits ? (popEdits[k] ?? null) : r.population;
  };

  const dirtyStudents = (studentsState.data?.rows ?? []).filter((r) =>
    (['senior', 'junior', 'primary', 'preschool'] as const).some((f) => studentChanged(r, f)),
  );
  const dirtyPopulation = (popState.data?.rows ?? []).filter((r) => {
    const v = popValue(r);
    return v !== null && v !== r.population;
  });
  const dirty = dirtyStudents.length + dirtyPopulation.length;

  async function save() {
    if (!regionCode) return;
    setSaving(true);
    let saved = 0;
    try {
      for (const r of dirtyStudents) {
        await saveStudentInput({
          region: regionCode,
          unitId: r.unitId,
          year,
          senior: studentValue(r, 'senior'),
          junior: studentValue(r, 'junior'),
          primary: studentValue(r, 'primary'),
          preschool: studentValue(r, 'preschool'),
        });
        saved += 1;
      }
      for (const r of dirtyPopulation) {
        const population = popValue(r);
        if (population === null) continue;
        await savePopulationInput({ region: regionCode, unitId: r.unitId, year, population });
        saved += 1;
      }
      void message.success(`已保存 ${String(saved)} 行`);
      setStudentEdits({});
      setPopEdits({});
    } catch (error) {
      void message.error(`已保存 ${String(saved)} 行，其余保存失败：${errorMessage(error)}`);
    } finally {
      setSaving(false);
      studentsState.reload();
      popState.reload();
    }
  }

  const studentColumn = (f: StudentField, title: string) => ({
    title,
    key: f,
    width: 130,
    render: (_: unknown, r: StudentInputRow) => (
      <NumberCell
        value={studentValue(r, f)}
        changed={studentChanged(r, f)}
        editable={editable}
        testId={`inputs-students-${String(r.unitId)}-${f}`}
        onChange={(v) => setStudentEdits((prev) => ({ ...prev, [r.unitId]: { ...prev[r.unitId], [f]: v } }))}
      />
    ),
  });

  const studentColumns: TableColumnsType<StudentInputRow> = [
    { title: '机构编码', dataIndex: 'unitCode', width: 100 },
    { title: '学校（幼儿园）', dataIndex: 'unitName' },
    {
      title: '类别',
      dataIndex: 'kind',
      width: 90,
      render: (k: StudentInputRow['kind']) =>
        k === 'school' ? <Tag>中小学</Tag> : <Tag color="pink">幼儿园</Tag>,
    },
    studentColumn('senior', '高中'),
    studentColumn('junior', '初中'),
    studentColumn('primary', '小学'),
    studentColumn('preschool', '在园幼儿'),
  ];

  const popColumns: TableColumnsType<PopulationInputRow> = [
    { title: '机构编码', dataIndex: 'unitCode', width: 100, render: (v: string | null) => v ?? '—' },
    { title: '名称', dataIndex: 'name' },
    { title: '类别', dataIndex: 'kind', width: 140, render: (k: PopulationKind) => POPULATION_KIND[k] },
    {
      title: '人口',
      key: 'population',
      width: 150,
      render: (_: unknown, r: PopulationInputRow) => (
        <NumberCell
          value={popValue(r)}
          changed={popValue(r) !== r.population}
          editable={editable}
          testId={`inputs-population-${popKey(r)}`}
          onChange={(v) => setPopEdits((prev) => ({ ...prev, [popKey(r)]: v }))}
        />
      ),
    },
  ];

  let body;
  if (!regionCode) body = <EmptyState text="请选择行政区划" />;
  else if (studentsState.error || popState.error)
    body = (
      <ErrorAlert
        title="学生数与人口加载失败"
        error={studentsState.error ?? popState.error}
        onRetry={() => {
          studentsState.reload();
          popState.reload();
        }}
      />
    );
  else if (!studentsState.data || !popState.data) body = <Loading />;
  else
    body = (
      <Tabs
        items={[
          {
            key: 'students',
            label: '学生数',
            children: (
              <Card size="small">
                <Table<StudentInputRow>
                  scroll={{ x: 'max-content' }}
                  data-testid="inputs-students"
                  rowKey="unitId"
                  size="small"
                  columns={studentColumns}
                  dataSource={studentsState.data.rows}
                  pagination={false}
                  locale={{ emptyText: '本县没有中小学或幼儿园' }}
                />
              </Card>
            ),
          },
          {
            key: 'population',
            label: '人口',
            children: (
              <Card size="small">
                <Table<PopulationInputRow>
                  scroll={{ x: 'max-content' }}
                  data-testid="inputs-population"
                  rowKey={popKey}
                  size="small"
                  columns={popColumns}
                  dataSource={popState.data.rows}
                  pagination={false}
                />
              </Card>
            ),
          },
        ]}
      />
    );

  return (
    <PageContainer
      title="学生数与人口"
      subTitle="编制标准测算所用的学生数、在园幼儿数、常住人口和服务人口"
      extra={
        <Space>
          <Typography.Text>年份</Typography.Text>
          <InputNumber<number>
            min={1990}
            max={new Date().getFullYear() + 1}
            precision={0}
            value={year}
            onChange={changeYear}
            data-testid="inputs-year"
          />
          {editable ? (
            <Button
              type="primary"
              disabled={dirty === 0}
              loading={saving}
              onClick={() => void save()}
              data-testid="inputs-save"
            >
              保存{dirty > 0 ? `（${String(dirty)} 行）` : ''}
            </Button>
          ) : null}
        </Space>
      }
    >
      {body}
    </PageContainer>
  );
}
