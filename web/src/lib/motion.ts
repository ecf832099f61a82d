// The user's "reduce motion" setting of the system or browser (prefers-reduced-motion): the app
// then draws without animation — antd's transitions off (ConfigProvider's `motion` token) and
// charts drawn at once. The browser journeys run with it set, as such a user would.
export function prefersReducedMotion(
  matchMedia: ((query: string) => { matches: boolean }) | undefined = typeof window === 'undefined'
    ? undefined
    : window.matchMedia?.bind(window),
): boolean {
  return matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}
