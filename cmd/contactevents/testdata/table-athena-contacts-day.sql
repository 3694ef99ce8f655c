CREATE EXTERNAL TABLE IF NOT EXISTS `contacts` (
  `contact_id` string,
  `channel` string,
  `initiation_method` string,
  `state` string,
  `state_time` timestamp,
  `initial_contact_id` string,
  `previous_contact_id` string,
  `related_contact_id` string,
  `queue_arn` string,
  `agent_arn` string,
  `initiation_timestamp` timestamp,
  `connected_to_system_timestamp` timestamp,
  `enqueue_timestamp` timestamp,
  `connected_to_agent_timestamp` timestamp,
  `disconnect_timestamp` timestamp,
  `after_contact_work_start_timestamp` timestamp,
  `after_contact_work_end_timestamp` timestamp,
  `queue_wait_millis` bigint,
  `agent_interaction_and_hold_millis` bigint,
  `after_contact_work_millis` bigint,
  `handle_millis` bigint,
  `disconnect_reason` string,
  `abandoned` boolean,
  `queued_for_callback` boolean,
  `complete` boolean,
  `events` bigint,
  `duplicates` bigint,
  `last_event` timestamp,
  `conflicts` array<struct<`fact`:string,`values`:array<string>>>
)
PARTITIONED BY (`dt` string)
STORED AS PARQUET
LOCATION 's3://my-archive/contact-events/'
TBLPROPERTIES (
  'contactevents.schema_version'='02172b9333b1',
  'projection.enabled'='true',
  'projection.dt.type'='date',
  'projection.dt.format'='yyyy-MM-dd',
  'projection.dt.range'='2020-01-01,NOW',
  'projection.dt.interval'='1',
  'projection.dt.interval.unit'='DAYS',
  'storage.location.template'='s3://my-archive/contact-events/dt=${dt}/'
);
