CREATE TABLE `exercise_assignments` (
	`classroom_id` text NOT NULL,
	`exercise` text NOT NULL,
	`student` text DEFAULT '' NOT NULL,
	`document` text NOT NULL,
	`language` text DEFAULT 'en' NOT NULL,
	`assigned_at` integer NOT NULL,
	PRIMARY KEY(`classroom_id`, `exercise`, `student`)
);
--> statement-breakpoint
CREATE TABLE `exercise_grades` (
	`tenant_id` text NOT NULL,
	`exercise` text NOT NULL,
	`chapter` text DEFAULT '' NOT NULL,
	`state` text NOT NULL,
	`score` integer NOT NULL,
	`max_score` integer NOT NULL,
	`best_score` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`completed_at` text,
	`checks` text DEFAULT '[]' NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `exercise`)
);
