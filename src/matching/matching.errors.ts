import { defineErrors } from 'src/common/errors/domain-error';

export const MatchingError = defineErrors({
  MATCH_ONE_CANDIDATE: {
    status: 400,
    message: {
      'zh-CN': '请指定一项科技成果或一位专家（二选一）',
      en: 'Name either one research result or one expert',
    },
  },
});
