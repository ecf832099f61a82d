import { EnvironmentOutlined } from '@ant-design/icons';
import { Select } from 'antd';
import { useMemo } from 'react';
import type { RegionDto } from '../api/index.ts';

interface RegionOption {
  label: string;
  value: string;
}

interface RegionGroup {
  label: string;
  title: string;
  options: RegionOption[];
}

/** Counties grouped under their city (or province, for counties it administers directly). */
export function countyOptions(counties: readonly RegionDto[], byCode: Map<string, RegionDto>): RegionGroup[] {
  const groups = new Map<string, RegionGroup>();
  for (const county of counties) {
    const parent = county.parentCode ? byCode.get(county.parentCode) : undefined;
    const groupName = parent ? parent.name : '其他';
    let group = groups.get(groupName);
    if (!group) {
      group = { label: groupName, title: groupName, options: [] };
      groups.set(groupName, group);
    }
    group.options.push({ label: county.name, value: county.code });
  }
  return [...groups.values()];
}

interface RegionSelectProps {
  counties: readonly RegionDto[];
  byCode: Map<string, RegionDto>;
  value: string | null;
  onChange: (code: string) => void;
  width?: number;
  size?: 'small' | 'middle' | 'large';
}

export function RegionSelect({ counties, byCode, value, onChange, width = 200, size }: RegionSelectProps) {
  const options = useMemo(() => countyOptions(counties, byCode), [counties, byCode]);
  const grouped = options.length > 1;
  return (
    <Select<string>
      aria-label="选择县级行政区"
      showSearch={{ optionFilterProp: 'label' }}
      size={size}
      value={value ?? undefined}
      onChange={onChange}
      options={grouped ? options : (options[0]?.options ?? [])}
      placeholder="选择县（市、区）"
      prefix={<EnvironmentOutlined />}
      style={{ width }}
      popupMatchSelectWidth={false}
      notFoundContent="没有匹配的地区"
    />
  );
}
