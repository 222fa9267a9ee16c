/** `type:` values that name a kind of workspace resource (shared by detection and the models). */
export const COMPUTE_TYPES = ['amlcompute', 'computeinstance', 'virtualmachine', 'kubernetes', 'synapsespark'];
export const DATASTORE_TYPES = ['azure_blob', 'azure_file', 'azure_data_lake_gen1', 'azure_data_lake_gen2', 'one_lake'];
export const CONNECTION_TYPES = [
  'git', 'python_feed', 'container_registry', 'azure_sql_db', 's3', 'snowflake', 'azure_open_ai', 'azure_ai_search',
  'azure_ai_services', 'azure_content_safety', 'azure_speech_services', 'api_key', 'custom', 'serverless', 'azure_blob',
  'azure_data_lake_gen2', 'azure_one_lake', 'open_ai', 'serp', 'cognitive_search', 'cognitive_service',
];
