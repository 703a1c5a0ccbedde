/** What ingress and realtime share about signed-in users: the live-socket ticket. */
package dev.opscenter.common.session;
