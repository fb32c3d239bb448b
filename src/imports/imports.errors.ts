import { defineErrors } from 'src/common/errors/domain-error';

export const ImportError = defineErrors({
  IMPORT_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '导入记录不存在', en: 'No such import' },
  },
  IMPORT_TEMPLATE_NOT_FOUND: {
    status: 404,
    message: {
      'zh-CN': '没有这种名单的模板（可选：results、needs、invitations）',
      en: 'No template for such a list (results, needs or invitations)',
    },
  },
  IMPORT_TOO_MANY_ROWS: {
    status: 413,
    message: {
      'zh-CN': '文件行数超过上限，请分成几个文件导入',
      en: 'The file has more rows than allowed: split it into several files',
    },
  },
  IMPORT_TOO_LARGE: {
    status: 413,
    message: {
      'zh-CN': '文件超过大小上限，请分成几个文件导入',
      en: 'The file is larger than allowed: split it into several files',
    },
  },
  IMPORT_UNREADABLE: {
    status: 400,
    message: {
      'zh-CN': '无法读取上传的文件，请上传 CSV（UTF-8 或 GBK）或 XLSX',
      en: 'The file could not be read: upload CSV (UTF-8 or GBK) or XLSX',
    },
  },
  IMPORT_FAILED: {
    status: 500,
    message: {
      'zh-CN': '导入多次出错后已停止，已导入的行保留',
      en: 'The import stopped after repeated failures; the rows imported so far are kept',
    },
  },
  IMPORT_INVALID_TRANSITION: {
    status: 409,
    message: { 'zh-CN': '导入当前状态不允许此操作', en: 'The import’s status does not allow this' },
  },
});
