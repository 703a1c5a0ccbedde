/**
 * Notification templates: subject and body with {{variables}} for one channel type; admin CRUD under
 * /api/notification-templates and a preview rendered against a stored event with the shared renderer.
 */
package dev.opscenter.ingress.notify.template;
