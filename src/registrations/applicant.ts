import { Registration } from 'src/registrations/registration.entity';
import { Answers } from 'src/registrations/registration-rules';

/** Who is registering, and what they answered. */
export interface Applicant {
  userId: string | null;
  name: string;
  email: string | null;
  mobile: string | null;
  locale: Registration['locale'];
  organizationName: string | null;
  sector: Registration['sector'];
  answers: Answers;
}
