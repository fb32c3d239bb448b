import { defineErrors } from 'src/common/errors/domain-error';

export const BackfillError = defineErrors({
  BACKFILL_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '补录记录不存在', en: 'No such back-fill' },
  },
  BACKFILL_FORBIDDEN: {
    status: 403,
    message: {
      'zh-CN': '只有本机构的管理员可以补录历史活动',
      en: 'Only the organization’s managers back-fill past programmes',
    },
  },
  BACKFILL_ROWS_INVALID: {
    status: 422,
    message: {
      'zh-CN': '有些行填写有误，请按表和行号修改后重新提交（未写入任何数据）',
      en: 'Some rows are wrong: correct them by sheet and row and send again (nothing was written)',
    },
  },
  BACKFILL_WORKBOOK_UNREADABLE: {
    status: 400,
    message: {
      'zh-CN': '无法读取该工作簿，请使用模板另存为 .xlsx 后再上传',
      en: 'The workbook cannot be read: save it from the template as .xlsx and upload again',
    },
  },
  BACKFILL_IN_USE: {
    status: 409,
    message: {
      'zh-CN': '补录的活动或成果上已有后来录入的记录（签约、报名、日程等），不能整体撤销',
      en: 'Records entered since (deals, registrations, agenda items) belong to its events or results: it cannot be undone as a whole',
    },
  },
  BACKFILL_ALREADY_UNDONE: {
    status: 409,
    message: { 'zh-CN': '这次补录已经撤销', en: 'This back-fill was undone already' },
  },
});
