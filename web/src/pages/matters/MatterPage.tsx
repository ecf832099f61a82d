import {
  ArrowLeftOutlined,
  AuditOutlined,
  CheckCircleOutlined,
  CloseCircleOutlined,
  FileProtectOutlined,
  PaperClipOutlined,
  ReloadOutlined,
  RollbackOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Collapse,
  Descriptions,
  Empty,
  List,
  Row,
  Space,
  Steps,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import type { StepsProps, TimelineItemProps } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import {
  ApiError,
  checkMatter,
  downloadMatterAttachment,
  errorMessage,
  getMatter,
  uploadMatterAttachment,
} from '../../api/index.ts';
import type { CheckResponse, MatterAttachment, MatterDetail, MatterStep } from '../../api/index.ts';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { UploadButton } from '../../components/UploadButton.tsx';
import { notifyMattersChanged } from '../../hooks/useWaitingMatters.ts';
import { saveBlob } from '../../lib/download.ts';
import { dash, dateTime } from '../../lib/format.ts';
import { MatterActionDialog, type DialogAction } from './MatterActions.tsx';
import { fileSize, isClosed, KindTags, MatterStateTag } from './matterUi.tsx';
import { RuleResultsTable, RuleSummary, ruleTally } from './RuleResults.tsx';

const PHASES = [
  { title: '动议', actions: ['propose', 'resubmit'] },
  { title: '论证', actions: ['assess'] },
  { title: '审议决定', actions: ['decide'] },
  { title: '组织实施', actions: ['implement'] },
] as const;

/** The steps since the matter was last (re)submitted: what counts for the progress bar. */
function currentCycle(steps: readonly MatterStep[]): MatterStep[] {
  let start = 0;
  steps.forEach((step, i) => {
    if (step.action === 'propose' || step.action === 'resubmit') start = i;
  });
  return steps.slice(start);
}

function who(step: MatterStep): ReactNode {
  return (
    <div className="bz-muted">
      <div>{step.actorName}</div>
      <div>{dateTime(step.at)}</div>
    </div>
  );
}

function progressItems(matter: MatterDetail): StepsProps['items'] {
  const cycle = currentCycle(matter.steps);
  const closing = cycle.find((s) => s.action === 'return' || s.action === 'reject');
  let blockedShown = false;
  return PHASES.map((phase) => {
    const step = [...cycle].reverse().find((s) => (phase.actions as readonly string[]).includes(s.action));
    if (step) {
      let extra: ReactNode = null;
      if (step.action === 'decide' && matter.docNo) extra = <div className="bz-muted">{matter.docNo}</div>;
      if (step.action === 'implement' && matter.effectiveOn)
        extra = <div className="bz-muted">生效 {matter.effectiveOn}</div>;
      return {
        title: phase.title,
        status: 'finish' as const,
        content: (
          <>
            {who(step)}
            {extra}
          </>
        ),
      };
    }
    if (!blockedShown) {
      blockedShown = true;
      if (closing) {
        return {
          title: phase.title,
          status: 'error' as const,
          content: (
            <div className="bz-muted">
              <div>
                {closing.actionLabel}：{closing.actorName}
              </div>
              <div>{dateTime(closing.at)}</div>
            </div>
          ),
        };
      }
      if (matter.state === 'rejected') return { title: phase.title, status: 'error' as const };
      return {
        title: phase.title,
        status: 'process' as const,
        content: <div className="bz-muted">办理中</div>,
      };
    }
    return { title: phase.title, status: 'wait' as const };
  });
}

const STEP_COLORS: Record<string, string> = {
  propose: 'blue',
  resubmit: 'blue',
  assess: 'blue',
  decide: 'blue',
  implement: 'green',
  return: 'orange',
  reject: 'red',
};

function timelineItems(steps: readonly MatterStep[]): TimelineItemProps[] {
  return [...steps].reverse().map((step) => {
    const results = step.ruleResults;
    return {
      key: step.id,
      color: STEP_COLORS[step.action] ?? 'gray',
      content: (
        <div data-testid={`matter-step-${String(step.id)}`}>
          <Space size={6} wrap>
            <Typography.Text strong>{step.actionLabel}</Typography.Text>
            <span>{step.actorName}</span>
            <span className="bz-muted">{dateTime(step.at)}</span>
            {step.fromState ? (
              <span className="bz-muted">
                {step.fromState} → {step.toState}
              </span>
            ) : null}
          </Space>
          {step.comment ? <p className="bz-step-comment">{step.comment}</p> : null}
          {results && results.length > 0 ? (
            <Collapse
              size="small"
              style={{ marginTop: 6 }}
              items={[
                {
                  key: 'rules',
                  label: `规则检查结果（${ruleTally(results)}）`,
                  children: (
                    <RuleResultsTable results={results} testId={`step-rules-${String(step.id)}`} compact />
                  ),
                },
              ]}
            />
          ) : null}
        </div>
      ),
    };
  });
}

const ACTION_BUTTONS: Record<
  DialogAction,
  { label: string; icon: ReactNode; primary?: boolean; danger?: boolean }
> = {
  assess: { label: '论证', icon: <AuditOutlined />, primary: true },
  decide: { label: '审议决定', icon: <FileProtectOutlined />, primary: true },
  implement: { label: '组织实施', icon: <CheckCircleOutlined />, primary: true },
  resubmit: { label: '重新提交', icon: <SendOutlined />, primary: true },
  return: { label: '退回', icon: <RollbackOutlined /> },
  reject: { label: '驳回', icon: <CloseCircleOutlined />, danger: true },
};

const BUTTON_ORDER: readonly DialogAction[] = [
  'assess',
  'decide',
  'implement',
  'resubmit',
  'return',
  'reject',
];

function AttachmentList({
  matter,
  onChanged,
}: {
  matter: MatterDetail;
  onChanged: (d: MatterDetail) => void;
}) {
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);
  const [downloading, setDownloading] = useState<number | null>(null);

  const upload = async (file: File) => {
    setUploading(true);
    try {
      onChanged(await uploadMatterAttachment(matter.id, file));
      void message.success(`已上传 ${file.name}`);
    } catch (cause) {
      void message.error(errorMessage(cause));
    } finally {
      setUploading(false);
    }
  };

  const download = async (attachment: MatterAttachment) => {
    setDownloading(attachment.id);
    try {
      const file = await downloadMatterAttachment(attachment.id, attachment.fileName);
      saveBlob(file.blob, file.fileName);
    } catch (cause) {
      void message.error(errorMessage(cause));
    } finally {
      setDownloading(null);
    }
  };

  return (
    <Card
      size="small"
      className="bz-section"
      title={
        <Space size={6}>
          <PaperClipOutlined />
          附件
        </Space>
      }
      extra={
        !matter.mayAttach ? null : (
          <UploadButton onFile={(file) => void upload(file)} loading={uploading} testId="matter-upload" />
        )
      }
    >
      {matter.attachments.length === 0 ? (
        <EmptyState text="暂无附件（会议纪要、请示、政策依据等）" />
      ) : (
        <List<MatterAttachment>
          size="small"
          dataSource={matter.attachments}
          data-testid="matter-attachments"
          renderItem={(attachment) => (
            <List.Item>
              <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0 }}
                  loading={downloading === attachment.id}
                  onClick={() => void download(attachment)}
                >
                  {attachment.fileName}
                </Button>
                <span className="bz-muted">
                  {fileSize(attachment.size)} · {dateTime(attachment.uploadedAt)} ·{' '}
                  <Tooltip title={`SHA-256：${attachment.sha256}`}>
                    <span className="bz-mono">SHA-256 {attachment.sha256.slice(0, 12)}…</span>
                  </Tooltip>
                </span>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function RuleCheckCard({ matter }: { matter: MatterDetail }) {
  const [check, setCheck] = useState<CheckResponse | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // A new state of the matter makes the last check stale.
  useEffect(() => {
    setCheck(null);
    setError(null);
  }, [matter.id, matter.state]);

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      setCheck(await checkMatter(matter.id));
    } catch (cause) {
      setError(cause);
    } finally {
      setRunning(false);
    }
  };

  return (
    <Card
      size="small"
      className="bz-section"
      title={
        <Space size={6}>
          <SafetyCertificateOutlined />
          规则检查
        </Space>
      }
      extra={
        <Button
          size="small"
          icon={<SafetyCertificateOutlined />}
          loading={running}
          onClick={() => void run()}
          data-testid="matter-check"
        >
          运行规则检查
        </Button>
      }
    >
      {error ? <ErrorAlert title="规则检查失败" error={error} /> : null}
      {check ? (
        <>
          <RuleSummary results={check.results} />
          <RuleResultsTable results={check.results} />
        </>
      ) : (
        <div className="bz-muted">
          按当前台账检查严控总量、增减平衡、不得超编、不得超职数等规则；仅供参考，不记录办理步骤。论证和实施时系统会再次检查。
        </div>
      )}
    </Card>
  );
}

export function MatterPage() {
  const params = useParams();
  const navigate = useNavigate();
  const id = /^\d+$/.test(params.id ?? '') ? Number(params.id) : null;
  const [matter, setMatter] = useState<MatterDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [nonce, setNonce] = useState(0);
  const [dialog, setDialog] = useState<DialogAction | null>(null);

  useEffect(() => {
    if (id === null) return undefined;
    let active = true;
    setLoading(true);
    setError(null);
    getMatter(id).then(
      (detail) => {
        if (!active) return;
        setMatter(detail);
        setLoading(false);
      },
      (cause: unknown) => {
        if (!active) return;
        setError(cause);
        setLoading(false);
      },
    );
    return () => {
      active = false;
    };
  }, [id, nonce]);

  const reload = () => setNonce((n) => n + 1);

  if (id === null) {
    return (
      <PageContainer title="事项办理">
        <EmptyState text="事项编号无效" />
      </PageContainer>
    );
  }
  if (matter === null || matter.id !== id) {
    if (error) {
      const missing = error instanceof ApiError && (error.status === 404 || error.status === 403);
      return (
        <PageContainer
          title="事项办理"
          extra={
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/matters')}>
              返回事项列表
            </Button>
          }
        >
          <ErrorAlert
            title={missing ? '无法查看该事项' : '加载失败'}
            error={error}
            onRetry={missing ? undefined : reload}
          />
        </PageContainer>
      );
    }
    return loading ? <Loading /> : null;
  }

  const actions = BUTTON_ORDER.filter((a) => matter.actions.includes(a));
  const steps = progressItems(matter) ?? [];
  const current = steps.findIndex((item) => item.status !== 'finish');

  return (
    <PageContainer
      title={<span data-testid="matter-title-text">{matter.title}</span>}
      documentTitle={`事项 ${String(matter.id)}`}
      subTitle={
        <Space size={8} wrap>
          <MatterStateTag state={matter.state} label={matter.stateLabel} testId="matter-state" />
          <span>编号 {matter.id}</span>
          {matter.docNo ? <span data-testid="matter-doc-no">批准文号：{matter.docNo}</span> : null}
        </Space>
      }
      extra={
        <Space wrap>
          {actions.map((action) => {
            const b = ACTION_BUTTONS[action];
            return (
              <Button
                key={action}
                type={b.primary ? 'primary' : 'default'}
                danger={b.danger}
                icon={b.icon}
                data-testid={`matter-${action}`}
                onClick={() => setDialog(action)}
              >
                {b.label}
              </Button>
            );
          })}
          <Tooltip title="重新加载">
            <Button icon={<ReloadOutlined />} loading={loading} onClick={reload} aria-label="刷新" />
          </Tooltip>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/matters')}>
            返回列表
          </Button>
        </Space>
      }
    >
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      {matter.nextStep ? (
        <Alert
          type={actions.length > 0 ? 'success' : 'info'}
          showIcon
          data-testid="matter-next-step"
          style={{ marginBottom: 12 }}
          title={`下一步：${matter.nextStep.label}，由${matter.nextStep.who}办理`}
          description={
            actions.length > 0 ? '您可以办理这一步（见右上角按钮）。' : '您无需操作，等待办理人处理。'
          }
        />
      ) : null}
      <Card size="small" className="bz-section">
        <Steps
          className="bz-matter-steps"
          items={steps}
          current={current === -1 ? PHASES.length - 1 : current}
          data-testid="matter-steps"
        />
        <Descriptions
          className="bz-matter-meta"
          size="small"
          column={{ xs: 1, md: 2, xl: 4 }}
          style={{ marginTop: 12 }}
          items={[
            { key: 'kinds', label: '事项类型', children: <KindTags kinds={matter.kinds} /> },
            { key: 'proposer', label: '提出人', children: matter.proposerName },
            { key: 'docNo', label: '批准文号', children: dash(matter.docNo) },
            { key: 'body', label: '决定机关', children: dash(matter.decisionBody) },
            { key: 'decidedOn', label: '决定日期', children: dash(matter.decidedOn) },
            { key: 'effectiveOn', label: '生效日期', children: dash(matter.effectiveOn) },
            { key: 'updatedAt', label: '更新时间', children: dateTime(matter.updatedAt) },
            ...(matter.exceptionReason
              ? [{ key: 'exception', label: '例外说明', children: matter.exceptionReason }]
              : []),
          ]}
        />
      </Card>
      <Row gutter={12}>
        <Col xs={24} xl={14}>
          <Card size="small" className="bz-section" title="变更内容">
            <ol className="bz-change-texts" data-testid="matter-changes">
              {matter.changeTexts.map((text, i) => (
                <li key={i}>{text}</li>
              ))}
            </ol>
            <Typography.Text strong>动议理由</Typography.Text>
            <p className="bz-reasons">{matter.reasons}</p>
          </Card>
          {isClosed(matter.state) ? null : <RuleCheckCard matter={matter} />}
          <AttachmentList matter={matter} onChanged={setMatter} />
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" className="bz-section" title="办理记录">
            {matter.steps.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />
            ) : (
              <Timeline items={timelineItems(matter.steps)} data-testid="matter-timeline" />
            )}
          </Card>
        </Col>
      </Row>
      {dialog ? (
        <MatterActionDialog
          matter={matter}
          action={dialog}
          onClose={() => setDialog(null)}
          onDone={(detail) => {
            setDialog(null);
            setMatter(detail);
            notifyMattersChanged();
          }}
          onConflict={() => {
            setDialog(null);
            reload();
            notifyMattersChanged();
          }}
        />
      ) : null}
    </PageContainer>
  );
}
