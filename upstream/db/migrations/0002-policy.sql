-- Policy version 1: the reason codes a decision may cite and the enforcement actions each allows.
CREATE TABLE policy_versions (
  version integer PRIMARY KEY,
  published_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE reason_codes (
  code text PRIMARY KEY,
  label text NOT NULL,
  category text NOT NULL,
  description text NOT NULL,
  actions jsonb NOT NULL,
  position integer NOT NULL
);

INSERT INTO policy_versions (version) VALUES (1);

INSERT INTO reason_codes (code, label, category, description, actions, position) VALUES
('CSAE-1', 'Child sexual exploitation', 'child_safety',
 'Any content that sexualises, exploits or endangers minors, including known hash-bank matches. Zero tolerance: remove, terminate, report.',
 '["remove_content", "terminate_account", "report_ncmec", "preserve_evidence"]', 1),
('GROOM-1', 'Grooming', 'child_safety',
 'An adult building trust with a minor to exploit them: asking age, secrecy from parents, moving to other apps, gifts for images.',
 '["remove_content", "terminate_account", "restrict_messaging", "report_ncmec", "preserve_evidence"]', 2),
('SEX-1', 'Sexual solicitation', 'adult_sexual',
 'Offering or requesting sexual content or services.',
 '["remove_content", "restrict_messaging", "warn_user", "suspend_account"]', 3),
('NUD-1', 'Adult nudity', 'adult_sexual',
 'Nudity or sexual activity between adults outside the allowed contexts.',
 '["remove_content", "label_sensitive", "warn_user"]', 4),
('HATE-1', 'Hate speech', 'hate',
 'Attacks on people based on protected characteristics, including slurs and dehumanising comparisons.',
 '["remove_content", "warn_user", "disable_comments", "suspend_account"]', 5),
('HARASS-1', 'Bullying and harassment', 'harassment',
 'Targeted insults, threats or repeated unwanted contact aimed at a person.',
 '["remove_content", "warn_user", "limit_comments", "restrict_messaging", "suspend_account"]', 6),
('VIOL-1', 'Graphic violence', 'violence',
 'Gore, serious injury or glorification of violence.',
 '["remove_content", "label_sensitive", "warn_user"]', 7),
('TERR-1', 'Terrorism and violent extremism', 'violence',
 'Praise, support or representation of designated violent organisations.',
 '["remove_content", "terminate_account", "report_law_enforcement", "preserve_evidence"]', 8),
('SELF-1', 'Suicide and self-harm', 'self_harm',
 'Content that promotes or depicts self-harm; the author may need support resources.',
 '["remove_content", "label_sensitive", "send_support_resources"]', 9),
('SCAM-1', 'Fraud and scams', 'fraud',
 'Deceptive schemes for money or data: fake giveaways, phishing links, advance-fee offers.',
 '["remove_content", "suspend_account", "terminate_account"]', 10),
('SPAM-1', 'Spam', 'spam',
 'Repetitive, unsolicited or misleading content, fake engagement.',
 '["remove_content", "limit_comments", "warn_user"]', 11),
('IMP-1', 'Impersonation', 'impersonation',
 'Pretending to be another person or organisation in a misleading way.',
 '["remove_content", "suspend_account", "terminate_account"]', 12),
('PRIV-1', 'Private information', 'privacy',
 'Sharing someone''s private contact, financial or identity details without consent.',
 '["remove_content", "warn_user", "suspend_account"]', 13);
