// The Users page (admins only): who may sign in and with which role. Passwords are write-only; a
// new one signs the user out everywhere, as disabling does.

import { resourcePage } from './crud.js';

const ROLES = [
  ['viewer', 'Viewer: reads everything'],
  ['operator', 'Operator: also acts on alerts, events, deliveries, silences'],
  ['admin', 'Admin: also changes configuration and users'],
];

export const usersPage = resourcePage({
  name: 'users',
  title: 'Users',
  singular: 'user',
  roles: ['admin'],
  path: 'api/users',
  label: (user) => user.displayName ? `${user.displayName} (${user.username})` : user.username,
  summary: (user) => [
    ['Role', user.role],
    ['E-mail', user.email || 'none'],
    ['State', user.disabled ? 'disabled' : 'active'],
    ['Last sign-in', user.lastLoginAt ? new Date(user.lastLoginAt).toLocaleString() : 'never'],
  ],
  fields: [
    { name: 'username', label: 'Name', required: true, createOnly: true, help: 'Lowercase letters, digits, . _ @ -; fixed once created.' },
    { name: 'displayName', label: 'Display name' },
    { name: 'email', label: 'E-mail', help: 'Optional: where rules addressed to users (all, or a role) send e-mail.' },
    { name: 'role', label: 'Role', type: 'select', options: ROLES, required: true },
    { name: 'password', label: 'Password', type: 'password', secret: true, required: true, help: 'At least 12 characters.' },
    { name: 'disabled', label: 'Disabled (cannot sign in)', type: 'checkbox' },
  ],
});
