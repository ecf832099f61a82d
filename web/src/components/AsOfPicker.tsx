import { DatePicker, Space, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { isDateString } from '../lib/format.ts';

/** The "as of" date of the figures, kept in the URL (?asOf=YYYY-MM-DD); undefined means today. */
export function useAsOf(): [string | undefined, (value: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('asOf');
  const asOf = isDateString(raw) ? raw : undefined;
  const setAsOf = useCallback(
    (value: string | undefined) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (value) next.set('asOf', value);
          else next.delete('asOf');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [asOf, setAsOf];
}

export function AsOfPicker({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (v: string | undefined) => void;
}) {
  return (
    <Space size={6}>
      <Tooltip title="按所选日期统计核定数、实有人数和机构状态；不选即为今天">
        <span className="bz-muted">统计日期</span>
      </Tooltip>
      <DatePicker
        size="small"
        value={value ? dayjs(value) : null}
        placeholder="今天"
        allowClear
        onChange={(date) => onChange(date ? date.format('YYYY-MM-DD') : undefined)}
        style={{ width: 130 }}
      />
    </Space>
  );
}
