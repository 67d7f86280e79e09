CREATE TABLE `actor_redirects` (
	`from_id` text PRIMARY KEY,
	`to_id` text NOT NULL,
	CONSTRAINT `fk_actor_redirects_to_id_actors_id_fk` FOREIGN KEY (`to_id`) REFERENCES `actors`(`id`) ON DELETE CASCADE
);
