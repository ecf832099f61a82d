import { Card, Spin } from 'antd';
import { useEffect, useRef } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { getOverview, getUnit, listUnits } from '../../api/index.ts';
import { useSession } from '../../app/session.tsx';
import { AsOfPicker, useAsOf } from '../../components/AsOfPicker.tsx';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback.tsx';
import { PageContainer } from '../../components/PageContainer.tsx';
import { UnitTree } from '../../components/UnitTree.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { regionPath } from '../../lib/regions.ts';
import { UnitDetailView } from './UnitDetailView.tsx';

function parseId(raw: string | undefined): number | null {
  if (!raw || !/^\d+$/.test(raw)) return null;
  const id = Number(raw);
  return id > 0 ? id : null;
}

/** /units and /units/:id: the region's unit tree on the left, the selected unit on the right. */
export function UnitsPage() {
  const params = useParams();
  const unitId = parseId(params.id);
  const invalidId = params.id !== undefined && unitId === null;
  const navigate = useNavigate();
  const { regionCode, regionById, counties, setRegionCode } = useSession();
  const [asOf, setAsOf] = useAsOf();
  const search = asOf ? `?asOf=${asOf}` : '';

  const units = useAsync(regionCode ? () => listUnits(regionCode, asOf) : null, [regionCode, asOf]);
  // The unit count is the server's, on the one basis shared with the 首页 and the report.
  const overview = useAsync(regionCode ? () => getOverview(regionCode, asOf) : null, [regionCode, asOf]);
  const detail = useAsync(unitId !== null ? () => getUnit(unitId, asOf) : null, [unitId, asOf]);
  const unit = detail.data && detail.data.id === unitId ? detail.data : undefined;

  // Opening a unit of another county (a link, a bookmark) switches the region to it…
  const unitRegion = unit?.regionCode;
  useEffect(() => {
    if (unitRegion && unitRegion !== regionCode && counties.some((c) => c.code === unitRegion)) {
      setRegionCode(unitRegion);
    }
    // only when a unit arrives, not when the user picks another region
  }, [unitRegion]);

  // …and picking another region in the header closes a unit of the old one.
  const previousRegion = useRef(regionCode);
  useEffect(() => {
    const before = previousRegion.current;
    previousRegion.current = regionCode;
    if (before !== null && regionCode !== before && unitRegion && unitRegion !== regionCode) {
      navigate('/units' + search, { replace: true });
    }
  }, [regionCode]);

  const regionName = regionCode ? regionPath(regionById, regionCode) : '';

  return (
    <PageContainer
      title="机构"
      documentTitle={unit ? unit.name : '机构'}
      subTitle={regionName}
      extra={<AsOfPicker value={asOf} onChange={setAsOf} />}
    >
      <div className="bz-split">
        <Card size="small" className="bz-split-left" title="机构目录">
          {units.error ? <ErrorAlert error={units.error} onRetry={units.reload} /> : null}
          {units.data ? (
            <Spin spinning={units.loading}>
              <UnitTree
                units={units.data}
                selectedId={unitId}
                counted={
                  overview.data ? { count: overview.data.unitCount, basis: overview.data.unitBasis } : null
                }
                onSelect={(id) => navigate(`/units/${String(id)}${search}`)}
              />
            </Spin>
          ) : units.loading ? (
            <Loading />
          ) : null}
        </Card>
        <div className="bz-split-right">
          {invalidId ? (
            <Card size="small">
              <EmptyState text="机构编号无效" />
            </Card>
          ) : unitId === null ? (
            <Card size="small">
              <EmptyState text="请在左侧机构目录中选择一个机构，查看其基本情况、编制和人员。" />
            </Card>
          ) : (
            <>
              {detail.error ? <ErrorAlert error={detail.error} onRetry={detail.reload} /> : null}
              {unit ? (
                <Spin spinning={detail.loading}>
                  <UnitDetailView key={unit.id} unit={unit} />
                </Spin>
              ) : detail.loading ? (
                <Card size="small">
                  <Loading />
                </Card>
              ) : null}
            </>
          )}
        </div>
      </div>
    </PageContainer>
  );
}
