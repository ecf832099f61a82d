import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Input, Select, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { isOneOf, PERSON_STATUSES, QUOTA_TYPES } from '../../../../src/common/labels.ts';
import type { PersonStatus, QuotaType } from '../../../../src/common/labels.ts';
import { listUnits } from '../../api/index.ts';
import { useSession } from '../../app/session.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { PeopleTable, type PeopleFilter } from '../../components/PeopleTable.tsx';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { regionPath } from '../../lib/regions.ts';

interface Filters {
  q: string;
  status: PersonStatus | undefined;
  quotaType: QuotaType | undefined;
  unitId: number | undefined;
  includeSubunits: boolean;
}

function readFilters(params: URLSearchParams): Filters {
  const status = params.get('status') ?? '';
  const quotaType = params.get('quotaType') ?? '';
  const unit = params.get('unitId') ?? '';
  return {
    q: params.get('q') ?? '',
    status: isOneOf(PERSON_STATUSES, status) ? status : undefined,
    quotaType: isOneOf(QUOTA_TYPES, quotaType) ? quotaType : undefined,
    unitId: /^\d+$/.test(unit) ? Number(unit) : undefined,
    includeSubunits: params.get('sub') !== 'false',
  };
}

function writeFilters(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.status) params.set('status', filters.status);
  if (filters.quotaType) params.set('quotaType', filters.quotaType);
  if (filters.unitId !== undefined) params.set('unitId', String(filters.unitId));
  if (!filters.includeSubunits) params.set('sub', 'false');
  return params;
}

export function PeoplePage() {
  const { regionCode, regionById } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const [searchText, setSearchText] = useState(filters.q);
  const units = useAsync(regionCode ? () => listUnits(regionCode) : null, [regionCode]);

  const update = (change: Partial<Filters>) =>
    setParams(writeFilters({ ...filters, ...change }), { replace: true });

  // A unit of the previous region means nothing in the new one.
  const previousRegion = useRef(regionCode);
  useEffect(() => {
    const before = previousRegion.current;
    previousRegion.current = regionCode;
    if (before !== null && before !== regionCode) {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.delete('unitId');
          return next;
        },
        { replace: true },
      );
    }
  }, [regionCode, setParams]);

  if (regionCode === null) return null;

  const filter: PeopleFilter = {
    region: regionCode,
    unitId: filters.unitId,
    includeSubunits: filters.includeSubunits,
    q: filters.q || undefined,
    status: filters.status,
    quotaType: filters.quotaType,
  };

  return (
    <PageContainer title="人员" subTitle={`${regionPath(regionById, regionCode)} · 实名制人员信息`}>
      <Card size="small" className="bz-section">
        <Space wrap size={[12, 8]}>
          <Space.Compact style={{ width: 280 }}>
            <Input
              data-testid="people-search"
              placeholder="姓名或身份证号后几位"
              allowClear
              value={searchText}
              prefix={<SearchOutlined className="bz-muted" />}
              onChange={(event) => {
                setSearchText(event.target.value);
                // clearing the box shows everybody again at once
                if (event.target.value === '' && filters.q !== '') update({ q: '' });
              }}
              onPressEnter={() => update({ q: searchText })}
              maxLength={40}
            />
            <Button
              type="primary"
              data-testid="people-search-submit"
              onClick={() => update({ q: searchText })}
            >
              查询
            </Button>
          </Space.Compact>
          <Select<PersonStatus>
            aria-label="人员状态"
            placeholder="人员状态"
            allowClear
            value={filters.status}
            onChange={(value: PersonStatus | undefined) => update({ status: value })}
            options={PERSON_STATUSES.map((s) => ({ label: s, value: s }))}
            style={{ width: 120 }}
          />
          <Select<QuotaType>
            aria-label="编制类型"
            placeholder="编制类型"
            allowClear
            value={filters.quotaType}
            onChange={(value: QuotaType | undefined) => update({ quotaType: value })}
            options={QUOTA_TYPES.map((t) => ({ label: t, value: t }))}
            style={{ width: 150 }}
          />
          <UnitTreeSelect
            units={units.data ?? []}
            loading={units.loading}
            value={filters.unitId}
            onChange={(unitId) => update({ unitId })}
            placeholder="机构（全部）"
            style={{ width: 280 }}
          />
          <Checkbox
            checked={filters.includeSubunits}
            disabled={filters.unitId === undefined}
            onChange={(event) => update({ includeSubunits: event.target.checked })}
          >
            含下属机构
          </Checkbox>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              setSearchText('');
              setParams(new URLSearchParams(), { replace: true });
            }}
          >
            重置
          </Button>
        </Space>
      </Card>
      <Card size="small" className="bz-section">
        <PeopleTable filter={filter} />
      </Card>
    </PageContainer>
  );
}
