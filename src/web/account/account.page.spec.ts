import { ExpertDto } from 'src/catalog/dto/expert.dto';
import { AuthUser } from 'src/common/auth/auth-user';
import {
  accountNotice,
  expertProfileForm,
  expertProfileInput,
  onOrganizationInputs,
  organizationOf,
  signUpInput,
  typedOf,
} from 'src/web/account/account.page';
import { Refusal } from 'src/web/forms';

const refusal = (fields: Record<string, string>): Refusal => ({
  problem: '注册未成功',
  fields,
  details: [],
  status: 400,
});

describe('the account pages’ forms', () => {
  it('reads the organization from the `org…` inputs, none when all are empty', () => {
    expect(
      organizationOf({
        orgName: ' 西南交通大学 ',
        orgKind: 'university',
        orgFields: '新材料、先进制造',
        orgTitle: '',
      }),
    ).toEqual({
      name: '西南交通大学',
      kind: 'university',
      industryFields: ['新材料', '先进制造'],
    });
    expect(organizationOf({ orgName: '  ', name: '张教授' })).toBeUndefined();
  });

  it('nests the organization in a sign-up', () => {
    const body = {
      name: '张教授',
      email: 'z@example.cn',
      password: 'x',
      role: 'expert',
      orgName: '西南交通大学',
      acceptPrivacy: 'true',
      next: '/',
    };
    expect(signUpInput(body)).toEqual({
      name: '张教授',
      email: 'z@example.cn',
      mobile: undefined,
      password: 'x',
      role: 'expert',
      acceptPrivacy: 'true',
      organization: { name: '西南交通大学' },
    });
  });

  it('puts the organization’s problems beside its inputs, and leaves the others', () => {
    const signUp = refusal({
      email: '不是有效的邮箱地址',
      'organization.name': '不能为空',
      'organization.industryFields.0': '必须是文本',
      creditCode: '该统一社会信用代码的机构已注册',
    });
    expect(onOrganizationInputs(signUp, 'organization.').fields).toEqual({
      email: '不是有效的邮箱地址',
      orgName: '不能为空',
      orgFields: '必须是文本',
      orgCreditCode: '该统一社会信用代码的机构已注册',
    });
    const own = refusal({ name: '不能为空', kind: '不是允许的取值', other: '?' });
    expect(onOrganizationInputs(own, '')).toMatchObject({
      problem: '注册未成功',
      fields: { orgName: '不能为空', orgKind: '不是允许的取值', other: '?' },
    });
  });

  it('shows a refused form again without its passwords', () => {
    expect(
      typedOf({ name: '张教授', password: 'x', currentPassword: 'y', newPassword: 'z' }),
    ).toEqual({
      name: '张教授',
    });
    expect(typedOf(undefined)).toEqual({});
  });

  it('announces only the account’s own changes', () => {
    expect(accountNotice('password')).toBe('account.done.password');
    expect(accountNotice('expertProfile')).toBe('account.done.expertProfile');
    expect(accountNotice('<script>')).toBeUndefined();
    expect(accountNotice(undefined)).toBeUndefined();
  });

  it('shows an expert profile’s lists as one line, and reads them back as lists', () => {
    const user = { id: 'u1', name: 'Wang Wei' } as AuthUser;
    expect(expertProfileForm(undefined, user)).toEqual({
      name: 'Wang Wei',
      availability: 'available',
    });
    const profile = {
      name: '张教授',
      fields: ['新材料', '先进制造'],
      keywords: ['硅碳负极'],
    } as ExpertDto;
    expect(expertProfileForm(profile, user)).toMatchObject({
      fields: '新材料、先进制造',
      keywords: '硅碳负极',
    });
    expect(
      expertProfileInput({
        name: '张教授',
        fields: '新材料、先进制造',
        keywords: '硅碳负极, 锂电池',
      }),
    ).toEqual({
      name: '张教授',
      fields: ['新材料', '先进制造'],
      keywords: ['硅碳负极', '锂电池'],
    });
  });
});
