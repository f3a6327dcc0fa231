ALTER TABLE `audit_events` ADD `kubectl_command` text;--> statement-breakpoint
ALTER TABLE `audit_events` ADD `kubectl_session` text;