import { isUniqueViolation } from 'src/database/postgres-errors';
import { defineErrors } from 'src/common/errors/domain-error';

export const RegistrationError = defineErrors({
  REGISTRATION_CLOSED: {
    status: 409,
    message: { 'zh-CN': '该活动当前不接受报名', en: 'This event does not take registrations now' },
  },
  REGISTRATION_INVITATION_REQUIRED: {
    status: 403,
    message: {
      'zh-CN': '该活动需凭邀请报名',
      en: 'This event takes registrations by invitation only',
    },
  },
  REGISTRATION_DUPLICATE: {
    status: 409,
    message: {
      'zh-CN': '该邮箱或手机号已报名此活动',
      en: 'This e-mail or mobile number is already registered for the event',
    },
  },
  REGISTRATION_GUEST_DETAILS_REQUIRED: {
    status: 400,
    message: {
      'zh-CN': '未登录报名需填写姓名，以及手机号或邮箱（至少一项）',
      en: 'Registering without an account needs a name and a mobile number or an e-mail (or both)',
    },
  },
  REGISTRATION_INVALID_ANSWERS: {
    status: 400,
    message: {
      'zh-CN': '报名问题的回答有误',
      en: 'Some answers to the registration questions are not valid',
    },
  },
  REGISTRATION_NOT_A_CO_HOST: {
    status: 400,
    message: {
      'zh-CN': '所选机构不是此活动的协办单位，请刷新页面后重新选择',
      en: 'A chosen organization is not a co-host of this event; reload the page and choose again',
    },
  },
  REGISTRATION_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '报名记录不存在', en: 'Registration not found' },
  },
  REGISTRATION_INVALID_TRANSITION: {
    status: 409,
    message: {
      'zh-CN': '报名当前状态不允许此操作',
      en: 'The registration’s current status does not allow this',
    },
  },
  REGISTRATION_HOLD_EXPIRED: {
    status: 409,
    message: {
      'zh-CN': '保留名额的确认时限已过，名额已释放，请重新报名',
      en: 'The time to confirm has passed and the held seat was released: please register again',
    },
  },
  CHECK_IN_CODE_UNKNOWN: {
    status: 404,
    message: {
      'zh-CN': '签到码无效或不属于本活动',
      en: 'No registration of this event has this code',
    },
  },
  CHECK_IN_NOT_CONFIRMED: {
    status: 409,
    message: {
      'zh-CN': '该报名未确认，不能签到',
      en: 'This registration is not confirmed: no check-in',
    },
  },
  CHECK_IN_ALREADY: {
    status: 409,
    message: { 'zh-CN': '已签到', en: 'Already checked in' },
  },
});

/**
 * A second active registration of the same person for the event is a 409 on the field that found
 * them: their e-mail address or their mobile number.
 */
export async function refuseDuplicate<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isUniqueViolation(error, 'uq_registration_person')) {
      throw RegistrationError.REGISTRATION_DUPLICATE().onField('email');
    }
    if (isUniqueViolation(error, 'uq_registration_mobile')) {
      throw RegistrationError.REGISTRATION_DUPLICATE().onField('mobile');
    }
    throw error;
  }
}
