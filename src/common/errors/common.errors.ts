import { defineErrors } from 'src/common/errors/domain-error';

/** Errors any endpoint can answer with, whatever its feature. */
export const CommonError = defineErrors({
  VALIDATION_FAILED: {
    status: 400,
    message: { 'zh-CN': '请求内容有误，请检查各字段', en: 'The request has invalid fields' },
  },
  MALFORMED_REQUEST: {
    status: 400,
    message: { 'zh-CN': '请求格式无法解析', en: 'The request could not be parsed' },
  },
  INVALID_VALUE: {
    status: 400,
    message: { 'zh-CN': '请求中的某个值无效', en: 'A value in the request is not valid' },
  },
  AUTH_REQUIRED: {
    status: 401,
    message: { 'zh-CN': '请先登录', en: 'Please sign in first' },
  },
  FORBIDDEN: {
    status: 403,
    message: { 'zh-CN': '没有执行此操作的权限', en: 'You are not allowed to do this' },
  },
  CROSS_SITE_REFUSED: {
    status: 403,
    message: {
      'zh-CN': '此请求来自其他网站，已被拒绝',
      en: 'This request came from another site and was refused',
    },
  },
  FORM_EXPIRED: {
    status: 403,
    message: {
      'zh-CN': '页面已过期，请刷新页面后重新提交',
      en: 'This page has expired; reload it and send the form again',
    },
  },
  COOKIE_NEEDS_JSON: {
    status: 403,
    message: {
      'zh-CN': '以登录 Cookie 调用接口时请求体须为 JSON（或改用 Bearer 令牌）',
      en: 'Requests signed in by cookie must send JSON (or use a bearer token)',
    },
  },
  NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到请求的资源', en: 'Not found' },
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    message: { 'zh-CN': '不支持此请求方法', en: 'Method not allowed' },
  },
  DUPLICATE: {
    status: 409,
    message: { 'zh-CN': '记录已存在', en: 'This already exists' },
  },
  OVERLAP: {
    status: 409,
    message: { 'zh-CN': '与已有安排的时间冲突', en: 'This overlaps with something already booked' },
  },
  REFERENCE_CONFLICT: {
    status: 409,
    message: {
      'zh-CN': '引用的记录不存在或仍被使用',
      en: 'A referenced record is missing or still in use',
    },
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    message: { 'zh-CN': '请求内容过大', en: 'The request is too large' },
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: { 'zh-CN': '不支持的内容类型', en: 'Unsupported content type' },
  },
  TOO_MANY_REQUESTS: {
    status: 429,
    message: {
      'zh-CN': '请求过于频繁，请稍后再试',
      en: 'Too many requests, please try again later',
    },
  },
  BUSY_RETRY: {
    status: 503,
    message: { 'zh-CN': '系统繁忙，请重试', en: 'The system is busy, please retry' },
  },
  REDIS_UNAVAILABLE: {
    status: 503,
    message: {
      'zh-CN': '服务暂时不可用（缓存服务无法连接），请稍后再试',
      en: 'The service is briefly unavailable (its cache cannot be reached), please try again shortly',
    },
  },
  INTERNAL: {
    status: 500,
    message: { 'zh-CN': '服务器内部错误', en: 'Internal server error' },
  },
});
