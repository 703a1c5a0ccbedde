/**
 * SMS through a Twilio-compatible REST API: config holds the account SID and sender number, the secret is the
 * auth token, the recipient a phone number in E.164 form.
 */
package dev.opscenter.worker.notify.channel.sms;
