// The sentence a city's or province's page says about its counties: how many lie below, how
// many have data, which have none (the server says which; this only words it).

export interface CountyCoverage {
  code: string;
  name: string;
  hasData: boolean;
}

export function coverageText(regionName: string, counties: readonly CountyCoverage[]): string {
  const withData = counties.filter((c) => c.hasData);
  const without = counties.filter((c) => !c.hasData).map((c) => c.name);
  const head = `${regionName}下辖 ${String(counties.length)} 个县级行政区，其中 ${String(withData.length)} 个已有数据`;
  if (without.length === 0) return `${head}`;
  return `${head}；暂无数据：${without.join('、')}`;
}
