import { describe } from 'vitest';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { authz } from './authz.ts';

describe('customers access', () => {
  describeAuthz(authz);
});
