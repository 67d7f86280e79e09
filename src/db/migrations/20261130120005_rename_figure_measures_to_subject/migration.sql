-- `figures.measures` held what a figure measures, in words, beside `measure_id` (the measure it
-- belongs to); it is renamed `subject`. Not additive: an older version reads `measures`, so this
-- migration raises the compatibility floor (src/db/compatibility.ts). No index, trigger or
-- search table refers to the column. History rows name a figure's fields as the import format
-- does, so their `measures` becomes `subject` too, and the history of a figure reads one name.
ALTER TABLE `figures` RENAME COLUMN `measures` TO `subject`;--> statement-breakpoint
UPDATE `history` SET `changed_fields` = (
  SELECT json_group_array(`name`) FROM (
    SELECT CASE `value` WHEN 'measures' THEN 'subject' ELSE `value` END AS `name`
    FROM json_each(`history`.`changed_fields`) ORDER BY 1
  )
) WHERE `subject_type` = 'Figure' AND EXISTS (SELECT 1 FROM json_each(`history`.`changed_fields`) WHERE `value` = 'measures');--> statement-breakpoint
UPDATE `history` SET `before` = json_set(json_remove(`before`, '$.measures'), '$.subject', json_extract(`before`, '$.measures'))
WHERE `subject_type` = 'Figure' AND json_type(`before`, '$.measures') IS NOT NULL;--> statement-breakpoint
UPDATE `history` SET `after` = json_set(json_remove(`after`, '$.measures'), '$.subject', json_extract(`after`, '$.measures'))
WHERE `subject_type` = 'Figure' AND json_type(`after`, '$.measures') IS NOT NULL;
