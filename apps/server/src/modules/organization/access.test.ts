import { describe } from 'vitest';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { authz } from './authz.ts';

describe('organisation access', () => {
  describeAuthz(authz);
});
