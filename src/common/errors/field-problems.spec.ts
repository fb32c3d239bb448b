import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { toFieldProblems } from 'src/common/errors/field-problems';
import { CreateEventDto } from 'src/events/dto/event.dto';
import { RegisterDto } from 'src/registrations/dto/registration.dto';
import { InviteeDto } from 'src/invitations/dto/invitation.dto';

const problemsOf = <T extends object>(dto: new () => T, input: object) =>
  toFieldProblems(validateSync(plainToInstance(dto, input), { whitelist: true }));

/** Words of the validators that people should never read. */
const DEVELOPER_WORDS = /必须是|不是允许的取值|must be|should not|\$property/;

describe('field problems in plain words', () => {
  it('an empty event form names every missing field the way its label does, once each', () => {
    const problems = problemsOf(CreateEventDto, {});
    const title = problems.filter((p) => p.field === 'title');
    expect(title).toEqual([
      {
        field: 'title',
        rule: expect.any(String),
        message: { 'zh-CN': '请填写活动名称', en: 'Please fill in the event name' },
      },
    ]);
    expect(problems.map((p) => p.field)).toEqual(
      expect.arrayContaining(['title', 'kind', 'startsAt', 'endsAt']),
    );
    for (const p of problems) {
      expect(p.message['zh-CN']).not.toMatch(DEVELOPER_WORDS);
      expect(p.message.en).not.toMatch(DEVELOPER_WORDS);
    }
  });

  it('an empty choice asks to choose; a wrong one to choose from the options', () => {
    const [empty] = problemsOf(RegisterDto, { acceptPrivacy: true });
    expect(empty).toMatchObject({
      field: 'sector',
      message: { 'zh-CN': '请选择所属类别（界别）', en: 'Please choose the sector' },
    });
    const [wrong] = problemsOf(RegisterDto, { sector: 'army', acceptPrivacy: true });
    expect(wrong.message['zh-CN']).toBe('请从给出的选项中选择所属类别（界别）');
  });

  it('a wrong e-mail address and mobile number say what is expected', () => {
    const problems = problemsOf(InviteeDto, {
      name: '周婷',
      email: 'zhou@',
      mobile: '1234567',
      sector: 'industry',
    });
    expect(problems.find((p) => p.field === 'email')?.message).toEqual({
      'zh-CN': '不是有效的邮箱地址',
      en: 'Not a valid e-mail address (like name@example.com)',
    });
    expect(problems.find((p) => p.field === 'mobile')?.message['zh-CN']).toBe(
      '不是有效的手机号码，请填写 11 位手机号，如 13800138000',
    );
  });

  it('a text too long gives its limit', () => {
    const [long] = problemsOf(RegisterDto, {
      sector: 'industry',
      name: '长'.repeat(101),
      acceptPrivacy: true,
    });
    expect(long.message).toEqual({
      'zh-CN': '姓名不能超过 100 个字符',
      en: 'The name can have at most 100 characters',
    });
  });
});
