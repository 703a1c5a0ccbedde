/**
 * Recipient groups: named lists of recipients (addresses, phone numbers, chat ids) a rule can notify; admin CRUD
 * under /api/recipient-groups with bulk member add/remove and keyset-paged member lists.
 */
package dev.opscenter.ingress.notify.group;
