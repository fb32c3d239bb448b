import { defineErrors } from 'src/common/errors/domain-error';

export const StatsError = defineErrors({
  STATISTICS_NOT_COMPILED: {
    status: 404,
    message: {
      'zh-CN': '活动统计尚未生成（活动结束后自动生成）',
      en: 'The event’s figures are not compiled yet (they are when it concludes)',
    },
  },
  REPORT_ORGANIZATION_NOT_FOUND: {
    status: 404,
    message: {
      'zh-CN': '未找到该机构',
      en: 'No such organization',
    },
  },
  REPORT_PRINTER_UNAVAILABLE: {
    status: 503,
    message: {
      'zh-CN': '暂时无法生成 PDF 报告（服务器未安装或无法运行 Chromium），请下载 Word 版',
      en: 'The PDF report cannot be made now (Chromium is missing or failed on the server); download the Word version',
    },
  },
  REPORT_SCHEDULE_NOT_FOUND: {
    status: 404,
    message: {
      'zh-CN': '未找到该定期报告',
      en: 'No such scheduled report',
    },
  },
  REPORT_SCHEDULE_FORBIDDEN: {
    status: 403,
    message: {
      'zh-CN': '只有本机构的管理员可以设置定期报告',
      en: 'Only the organization’s managers may set its scheduled reports',
    },
  },
  REPORT_SCHEDULE_SERIES_UNKNOWN: {
    status: 422,
    message: {
      'zh-CN': '所选系列不属于本机构',
      en: 'The series chosen is not one of the organization’s',
    },
  },
});
