import { describeAuthzProperty } from '../../test/authz-property.ts';
import { authzProperty } from './authz-property.ts';

describeAuthzProperty(authzProperty);
