// The 基本框架图 before and after, side by side: the org chart's own tree built from the unit
// lists the server returns (the sandbox's projection or the baseline and the ledger).
import { Card, Col, Row } from 'antd';
import { useMemo } from 'react';
import type { UnitNode } from '../../api/index.ts';
import { EChart } from '../../components/EChart.tsx';
import { allExpanded, buildOrgTree, orgChartOption } from '../org-chart/orgTree.ts';

function Chart({
  units,
  title,
  regionName,
  testId,
}: {
  units: readonly UnitNode[];
  title: string;
  regionName: string;
  testId: string;
}) {
  const option = useMemo(() => {
    const tree = buildOrgTree(units, regionName);
    return orgChartOption(tree, allExpanded(tree), {});
  }, [units, regionName]);
  return (
    <Card size="small" title={`${title}（${String(units.length)} 个机构）`}>
      <EChart
        option={option}
        style={{ height: 420, width: '100%' }}
        ariaLabel={`${title}基本框架图`}
        testId={testId}
      />
    </Card>
  );
}

export function BeforeAfterCharts({
  before,
  after,
  regionName,
  labels = ['改革前', '改革后'],
}: {
  before: readonly UnitNode[];
  after: readonly UnitNode[];
  regionName: string;
  labels?: [string, string];
}) {
  return (
    <Row gutter={12}>
      <Col xs={24} xl={12}>
        <Chart units={before} title={labels[0]} regionName={regionName} testId="chart-before" />
      </Col>
      <Col xs={24} xl={12}>
        <Chart units={after} title={labels[1]} regionName={regionName} testId="chart-after" />
      </Col>
    </Row>
  );
}
