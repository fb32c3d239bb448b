import { defineErrors } from 'src/common/errors/domain-error';

export const PersonalDataError = defineErrors({
  PERSONAL_DATA_WRONG_PASSWORD: {
    status: 400,
    message: { 'zh-CN': '密码不正确', en: 'The password is not correct' },
  },
  PERSONAL_DATA_NOT_A_PARTY: {
    status: 403,
    message: {
      'zh-CN': '只有洽谈双方可以交换联系方式',
      en: 'Only the parties of a meeting exchange their contacts',
    },
  },
});
