CREATE TABLE `audit_events` (
	`tenant_id` text NOT NULL,
	`audit_id` text NOT NULL,
	`seq` integer NOT NULL,
	`level` text NOT NULL,
	`stage` text NOT NULL,
	`request_received_at` integer NOT NULL,
	`stage_at` integer NOT NULL,
	`username` text NOT NULL,
	`groups` text DEFAULT '[]' NOT NULL,
	`impersonated_user` text,
	`verb` text NOT NULL,
	`request_uri` text NOT NULL,
	`api_group` text,
	`api_version` text,
	`resource` text,
	`subresource` text,
	`namespace` text,
	`name` text,
	`code` integer NOT NULL,
	`decision` text NOT NULL,
	`user_agent` text,
	PRIMARY KEY(`tenant_id`, `audit_id`)
);
--> statement-breakpoint
CREATE INDEX `audit_tenant_time` ON `audit_events` (`tenant_id`,`request_received_at`);--> statement-breakpoint
CREATE TABLE `tenant_namespaces` (
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`uid` text NOT NULL,
	`phase` text NOT NULL,
	`resource_version` integer NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `name`)
);
--> statement-breakpoint
CREATE TABLE `tenant_rbac` (
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`namespace` text DEFAULT '' NOT NULL,
	`name` text NOT NULL,
	`uid` text NOT NULL,
	`body` text NOT NULL,
	`resource_version` integer NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `kind`, `namespace`, `name`)
);
--> statement-breakpoint
CREATE TABLE `tokens` (
	`jti` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`subject` text NOT NULL,
	`issued_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE INDEX `tokens_tenant` ON `tokens` (`tenant_id`);--> statement-breakpoint
ALTER TABLE `tenants` ADD `tokens_not_before` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tenants` ADD `object_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tenants` ADD `last_activity_at` integer;