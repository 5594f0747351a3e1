import type { AppDeps } from '../../platform/deps';
import { createOrganisationService } from './organisation/organisation.service';
import { createRegistrationService } from './registration/registration.service';
import { Projects, Teams } from './organisation/organisation.model';
import { Shifts } from './shifts/shift.model';
import { createShiftQueries } from './shifts/shift-queries';
import { createSignupService } from './shifts/signup.service';
import { Signups } from './shifts/signup.model';
import { Volunteers } from './registration/volunteer.model';

/** The volunteer core's services, built once; the models are registered here so their indexes exist before the first request. */
export function createVolunteerServices(deps: AppDeps) {
  for (const model of [Volunteers, Teams, Projects, Shifts, Signups]) model(deps.conn);
  const queries = createShiftQueries(deps);
  return {
    registration: createRegistrationService(deps),
    organisation: createOrganisationService(deps, queries),
    queries,
    signups: createSignupService(deps, queries),
  };
}

export type VolunteerServices = ReturnType<typeof createVolunteerServices>;
