-- Policy version 2: reason codes list the enforcement actions POST /actions/batch accepts, named
-- after the platform's published practice. Content: remove_content, age_restrict, limit_reach
-- (not recommended), label_content. Accounts: warn_user, the feature restrictions
-- disable_direct_messages, restrict_comments, filter_comments, force_private, then
-- suspend_account (temporary) and terminate_account. report_* / preserve_evidence /
-- send_support_resources stay: they say what else the reason allows, not an action on the platform.
INSERT INTO policy_versions (version) VALUES (2);

UPDATE reason_codes SET actions = v.actions::jsonb
FROM (VALUES
  ('CSAE-1', '["remove_content", "terminate_account", "report_ncmec", "preserve_evidence"]'),
  ('GROOM-1', '["remove_content", "disable_direct_messages", "force_private", "suspend_account", "terminate_account", "report_ncmec", "preserve_evidence"]'),
  ('SEX-1', '["remove_content", "age_restrict", "disable_direct_messages", "warn_user", "suspend_account"]'),
  ('NUD-1', '["remove_content", "age_restrict", "limit_reach", "label_content", "warn_user"]'),
  ('HATE-1', '["remove_content", "limit_reach", "warn_user", "restrict_comments", "filter_comments", "suspend_account", "terminate_account"]'),
  ('HARASS-1', '["remove_content", "warn_user", "restrict_comments", "filter_comments", "disable_direct_messages", "force_private", "suspend_account"]'),
  ('VIOL-1', '["remove_content", "age_restrict", "label_content", "warn_user"]'),
  ('TERR-1', '["remove_content", "terminate_account", "report_law_enforcement", "preserve_evidence"]'),
  ('SELF-1', '["remove_content", "age_restrict", "label_content", "send_support_resources"]'),
  ('SCAM-1', '["remove_content", "limit_reach", "suspend_account", "terminate_account"]'),
  ('SPAM-1', '["remove_content", "limit_reach", "filter_comments", "warn_user", "suspend_account"]'),
  ('IMP-1', '["remove_content", "suspend_account", "terminate_account"]'),
  ('PRIV-1', '["remove_content", "warn_user", "suspend_account"]')
) AS v (code, actions)
WHERE reason_codes.code = v.code;
