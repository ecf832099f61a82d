// The pieces of the 全年汇报 page: a figure as a tag (value; hover: label, source, definition;
// click: its rows), the editor of one paragraph with “插入数字”, and the 文稿设置 dialog.
import { DatePicker, Input, Modal, Select, Space, Tag, Tooltip, Typography, Button } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import type { FullReportFigure, FullReportResponse } from '../../api/full-report.ts';
import { figureOption, insertFigure } from './fullReport.ts';

export function FigureTag({
  figure,
  changed,
  onOpen,
}: {
  figure: FullReportFigure;
  changed: boolean;
  onOpen: (f: FullReportFigure) => void;
}) {
  return (
    <Tooltip
      title={
        <span>
          {figure.label}（{figure.sourceLabel}）
          <br />
          {figure.definition}
          <br />
          点击查看明细
        </span>
      }
    >
      <Tag
        color={changed ? 'orange' : 'blue'}
        className="bz-figure-tag"
        data-testid={`figure-${figure.key}`}
        style={{ cursor: 'pointer', marginInline: 2 }}
        onClick={() => onOpen(figure)}
      >
        {figure.text}
      </Tag>
    </Tooltip>
  );
}

export function ParagraphEditor({
  initial,
  figures,
  saving,
  onSave,
  onCancel,
}: {
  initial: string;
  figures: FullReportFigure[];
  saving: boolean;
  onSave: (text: string) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(initial);
  const area = useRef<TextAreaRef>(null);
  const insert = (key: string) => {
    const caret = area.current?.resizableTextArea?.textArea.selectionStart ?? null;
    setText((t) => insertFigure(t, key, caret).text);
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        数字以 {'{{…}}'} 占位符写在文中，生成时取系统中的数字；请勿手工改写占位符。
      </Typography.Text>
      <Input.TextArea
        ref={area}
        data-testid="paragraph-editor"
        value={text}
        autoSize={{ minRows: 3, maxRows: 16 }}
        onChange={(e) => setText(e.target.value)}
      />
      <Space wrap>
        <Select
          showSearch
          placeholder="插入数字"
          style={{ width: 420 }}
          value={null}
          options={figures.map(figureOption)}
          optionFilterProp="label"
          onChange={(key: string) => insert(key)}
        />
        <Button type="primary" loading={saving} onClick={() => onSave(text)}>
          保存
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </Space>
    </Space>
  );
}

/** 文稿设置: the title and the first day of the 工作统计 period (section 二's “…年以来”). */
export function SettingsModal({
  data,
  saving,
  onSave,
  onCancel,
}: {
  data: FullReportResponse;
  saving: boolean;
  onSave: (title: string, workFrom: string) => void;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState(data.document.title);
  const [workFrom, setWorkFrom] = useState(data.document.workFrom);
  return (
    <Modal
      open
      title="文稿设置"
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => onSave(title, workFrom)}
      onCancel={onCancel}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <span>标题</span>
        <Input
          data-testid="full-report-title-input"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <span>工作统计起始日期（第二部分“…年以来”的数字自此日统计至统计日期）</span>
        <DatePicker
          value={dayjs(workFrom)}
          allowClear={false}
          onChange={(v) => {
            if (v) setWorkFrom(v.format('YYYY-MM-DD'));
          }}
        />
      </Space>
    </Modal>
  );
}
