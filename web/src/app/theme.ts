/** System fonts only: the intranet has no web-font server. Noto Sans CJK SC (Linux / 统信 / 麒麟) and Microsoft YaHei (Windows) cover Chinese. */
export const FONT_FAMILY =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "微软雅黑", "Helvetica Neue", Helvetica, Arial, sans-serif';
