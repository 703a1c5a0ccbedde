-- Users as an audience of notification rules, and the console channel (a live toast on every open console).

-- Where an e-mail to a user goes when a rule addresses an audience on an e-mail channel; a user without one is skipped.
ALTER TABLE users ADD COLUMN email TEXT;

-- A rule may address console users: 'all', or those of one role ('role:operator'). Disabled users are never included.
ALTER TABLE notification_rules ADD COLUMN audience TEXT
    CONSTRAINT notification_rules_audience CHECK (audience IN ('all', 'role:admin', 'role:operator', 'role:viewer'));

-- The console channel pushes a toast to every open console instead of sending to an address.
ALTER TABLE channels DROP CONSTRAINT channels_type_check;
ALTER TABLE channels ADD CONSTRAINT channels_type_check
    CHECK (type IN ('email', 'slack', 'telegram', 'sms', 'webhook', 'console'));
ALTER TABLE notification_templates DROP CONSTRAINT notification_templates_channel_type_check;
ALTER TABLE notification_templates ADD CONSTRAINT notification_templates_channel_type_check
    CHECK (channel_type IN ('email', 'slack', 'telegram', 'sms', 'webhook', 'console'));

-- A fan-out goes to a recipient group's members or to an audience's users, in chunks either way.
ALTER TABLE notification_fanouts ALTER COLUMN group_id DROP NOT NULL;
ALTER TABLE notification_fanouts ADD COLUMN audience TEXT;
ALTER TABLE notification_fanouts ADD CONSTRAINT notification_fanouts_to CHECK (num_nonnulls(group_id, audience) = 1);
