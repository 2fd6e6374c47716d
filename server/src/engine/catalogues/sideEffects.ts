/**
 * External side effects that duplicate (or fail) when their step runs again (TAXONOMY
 * I-effect), and the evidence of idempotency that makes each one safe. DATA only; matching is in
 * idempotency/effects.ts. Users extend it with `[tool.preflight.idempotency] effects = [...]`.
 *
 * `callees` are name patterns (python/patterns.ts, docs/patterns.md: `requests.Session().post`,
 * `*.insert_one`, `*.client().create_*`), matched against `originOf` names; the most specific wins.
 *
 * Left out on purpose: HTTP PUT and DELETE (idempotent by definition, RFC 9110 §9.2.2), GET,
 * writes that overwrite one target (`open(p, "w")`, `to_csv`, `to_sql(if_exists="replace")`,
 * `put_object`), upserts (`update_one(upsert=True)`, Pinecone/Qdrant `upsert`), LLM and
 * embedding calls (they cost money but change nothing outside: READ_CALLS), and POSTs that are
 * reads by their endpoint or body (TAXONOMY I-effect: inference, OCR, search, scrape, token and
 * status requests: READ_ENDPOINTS, INFERENCE_BODY).
 */

export type EffectFamily = 'http' | 'payment' | 'message' | 'queue' | 'sql' | 'document' | 'file' | 'directory' | 'cloud';

/** Which quick fix the rule may offer. */
export type EffectFix = 'exist-ok' | 'mkdir-to-makedirs' | 'idempotency-key' | 'idempotency-header' | 'dedup-id';

export interface EffectCondition {
  /** The argument to read: a keyword name, a position, or both (`open(p, mode)`). */
  readonly keyword?: string;
  readonly position?: number;
  /** The argument is a string literal matching this (case-insensitive regular expression). */
  readonly matches?: string;
  /** The argument is present at all. */
  readonly present?: boolean;
}

export interface SideEffectEntry {
  readonly family: EffectFamily;
  readonly callees: readonly string[];
  /** Callees that look like one of `callees` but are not effects (`create_presigned_url`). */
  readonly exclude?: readonly string[];
  /** What the message calls it: "POST", "Stripe charge", "e-mail". */
  readonly effect: string;
  /** What running it again does; `{again}` becomes "twice" (retries) or "again" (re-runs). */
  readonly outcome: string;
  /** Only when every condition holds (`open(…, "a")`, `to_sql(if_exists="append")`). */
  readonly when?: readonly EffectCondition[];
  /** Only when at least one of these holds (Chroma into a named collection). */
  readonly whenAny?: readonly EffectCondition[];
  /**
   * Evidence of idempotency: keyword argument names or dictionary keys (headers, options,
   * bodies) anywhere in the call's arguments (`idempotency_key`, `Idempotency-Key`,
   * `MessageDeduplicationId`, `ClientToken`). Case-insensitive.
   */
  readonly evidence?: readonly string[];
  /** Evidence that needs a value: `exist_ok=True`, `ignore_conflicts=True`. */
  readonly evidenceValues?: Readonly<Record<string, readonly string[]>>;
  /** Method calls chained on the result that make it an upsert (`.on_conflict_do_nothing()`). */
  readonly evidenceChain?: readonly string[];
  /** The `when` argument's text matching this (case-insensitive) is evidence (an upsert clause). */
  readonly evidenceText?: string;
  /**
   * Calls anywhere in the place that makes the effect safe to run again
   * (`producer.send_offsets_to_transaction(…)`: a transactional consume-produce loop).
   */
  readonly placeEvidence?: readonly string[];
  /**
   * Where the request's URL is: a request to a read endpoint (READ_ENDPOINTS) or with an
   * inference body (INFERENCE_BODY) is not an effect. `through` names a call whose own argument
   * holds the URL (`urlopen(Request(url, data))`).
   */
  readonly url?: { readonly keyword: string; readonly position: number; readonly through?: readonly string[] };
  /** Keywords holding the request body, read for INFERENCE_BODY and GraphQL queries. */
  readonly body?: readonly string[];
  readonly fix?: EffectFix;
  /** How to make it safe, for the message. */
  readonly remedy: string;
}

const HTTP_CLIENTS = ['requests', 'requests.Session()', 'requests.sessions.Session()', 'requests.session()', 'httpx', 'httpx.Client()', 'httpx.AsyncClient()', 'aiohttp.ClientSession()', 'aiohttp.client.ClientSession()'];
const IDEMPOTENCY_HEADERS = ['Idempotency-Key', 'X-Idempotency-Key', 'Idempotency-Token', 'X-Idempotency-Token'];

const URL_ARG = { keyword: 'url', position: 0 } as const;
const BODY_ARGS = ['json', 'data', 'content'] as const;

const http = (method: string): SideEffectEntry => ({
  family: 'http',
  callees: HTTP_CLIENTS.map((c) => `${c}.${method.toLowerCase()}`),
  effect: method,
  outcome: 'sends it {again}',
  ...(method === 'POST' ? { url: URL_ARG, body: BODY_ARGS } : {}),
  evidence: IDEMPOTENCY_HEADERS,
  fix: 'idempotency-header',
  remedy: 'send an Idempotency-Key header derived from the inputs, or check whether it was already done',
});

export const SIDE_EFFECTS: readonly SideEffectEntry[] = [
  // HTTP writes
  http('POST'),
  http('PATCH'),
  {
    family: 'http',
    callees: HTTP_CLIENTS.map((c) => `${c}.request`).concat(['urllib3.PoolManager().request', 'urllib3.request']),
    effect: 'POST',
    outcome: 'sends it {again}',
    when: [{ keyword: 'method', position: 0, matches: '^(POST|PATCH)$' }],
    url: { keyword: 'url', position: 1 },
    body: BODY_ARGS,
    evidence: IDEMPOTENCY_HEADERS,
    remedy: 'send an Idempotency-Key header derived from the inputs, or check whether it was already done',
  },
  {
    family: 'http',
    callees: ['urllib.request.urlopen', 'urllib.request.Request', 'urllib2.urlopen'],
    effect: 'POST',
    outcome: 'sends it {again}',
    when: [{ keyword: 'data', position: 1, present: true }],
    url: { keyword: 'url', position: 0, through: ['urllib.request.Request', 'urllib2.Request'] },
    body: ['data'],
    evidence: IDEMPOTENCY_HEADERS,
    remedy: 'send an Idempotency-Key header derived from the inputs, or check whether it was already done',
  },
  // Payments
  {
    family: 'payment',
    callees: [
      'stripe.Charge.create', 'stripe.PaymentIntent.create', 'stripe.PaymentIntent.confirm', 'stripe.PaymentIntent.capture', 'stripe.Refund.create', 'stripe.Transfer.create',
      'stripe.Payout.create', 'stripe.Invoice.create', 'stripe.InvoiceItem.create', 'stripe.Subscription.create', 'stripe.Customer.create', 'stripe.checkout.Session.create',
      'stripe.StripeClient().*.create', 'stripe.StripeClient().*.confirm', 'stripe.StripeClient().*.capture',
    ],
    effect: 'Stripe request',
    outcome: 'charges or creates it {again}',
    evidence: ['idempotency_key', 'Idempotency-Key'],
    fix: 'idempotency-key',
    remedy: 'pass idempotency_key= derived from the inputs',
  },
  {
    family: 'payment',
    callees: ['square.client.Client().*.create_payment', 'square.Square().payments.create', '*.payments.create_payment'],
    effect: 'Square payment',
    outcome: 'charges the card {again}',
    evidence: ['idempotency_key'],
    remedy: 'put an idempotency_key derived from the inputs in the body',
  },
  {
    family: 'payment',
    callees: ['braintree.Transaction.sale', 'braintree.BraintreeGateway().transaction.sale', 'paypalrestsdk.Payment().create', 'razorpay.Client().order.create', 'razorpay.Client().payment.capture', 'adyen.Adyen().checkout.payments_api.payments'],
    effect: 'payment',
    outcome: 'charges the card {again}',
    evidence: ['idempotency_key', 'Idempotency-Key', 'PayPal-Request-Id', 'receipt'],
    remedy: 'pass the provider\'s idempotency key or order id derived from the inputs, or check for an existing payment first',
  },
  // E-mail, SMS, chat
  {
    family: 'message',
    callees: [
      'smtplib.SMTP().sendmail', 'smtplib.SMTP().send_message', 'smtplib.SMTP_SSL().sendmail', 'smtplib.SMTP_SSL().send_message', 'smtplib.LMTP().sendmail',
      'sendgrid.SendGridAPIClient().send', 'sendgrid.SendGridAPIClient().client.mail.send.post',
      '*.client().send_email', '*.client().send_raw_email', '*.client().send_templated_email', '*.client().send_bulk_templated_email', '*.client().send_bulk_email',
      'resend.Emails.send', 'yagmail.SMTP().send', 'django.core.mail.send_mail', 'django.core.mail.send_mass_mail', 'django.core.mail.EmailMessage().send', 'django.core.mail.EmailMultiAlternatives().send',
      'postmarker.core.PostmarkClient().emails.send', 'mailchimp_transactional.Client().messages.send', 'flask_mail.Mail().send', 'fastapi_mail.FastMail().send_message',
      // Brevo (formerly Sendinblue): TransactionalEmailsApi.send_transac_email sends one e-mail per call.
      'sib_api_v3_sdk.TransactionalEmailsApi().send_transac_email', 'brevo_python.TransactionalEmailsApi().send_transac_email',
    ],
    effect: 'e-mail',
    outcome: 'sends it {again}',
    remedy: 'record what was sent (keyed by the inputs) and skip it when already sent',
  },
  {
    family: 'message',
    callees: ['twilio.rest.Client().messages.create', 'twilio.rest.Client().calls.create', 'vonage.Client().sms.send_message', 'nexmo.Client().send_message', '*.client().publish_sms'],
    effect: 'SMS',
    outcome: 'sends it {again}',
    remedy: 'record what was sent (keyed by the inputs) and skip it when already sent',
  },
  {
    family: 'message',
    callees: [
      'slack_sdk.WebClient().chat_postMessage', 'slack_sdk.web.WebClient().chat_postMessage', 'slack_sdk.web.async_client.AsyncWebClient().chat_postMessage', 'slack.WebClient().chat_postMessage',
      'slack_sdk.WebClient().files_upload_v2', 'slack_sdk.webhook.WebhookClient().send', 'slack_sdk.WebClient().chat_postEphemeral',
      'telegram.Bot().send_message', 'telegram.Bot().send_photo', 'telegram.Bot().send_document', 'telebot.TeleBot().send_message', 'aiogram.Bot().send_message',
      'discord_webhook.DiscordWebhook().execute', 'discord.SyncWebhook.from_url().send', 'discord.Webhook.from_url().send',
      'pymsteams.connectorcard().send',
    ],
    effect: 'chat message',
    outcome: 'posts it {again}',
    remedy: 'record what was posted (keyed by the inputs) and skip it when already posted',
  },
  // Queue publishes
  {
    family: 'queue',
    callees: ['*.client().send_message', '*.client().send_message_batch', '*.resource().Queue().send_message', '*.resource().get_queue_by_name().send_message'],
    effect: 'SQS message',
    outcome: 'enqueues it {again}',
    evidence: ['MessageDeduplicationId'],
    fix: 'dedup-id',
    remedy: 'use a FIFO queue with MessageDeduplicationId derived from the inputs, or make the consumer deduplicate',
  },
  {
    family: 'queue',
    callees: ['*.client().publish', '*.client().publish_batch', '*.resource().Topic().publish'],
    effect: 'SNS publish',
    outcome: 'publishes it {again}',
    evidence: ['MessageDeduplicationId'],
    fix: 'dedup-id',
    remedy: 'use a FIFO topic with MessageDeduplicationId derived from the inputs, or make subscribers deduplicate',
  },
  {
    family: 'queue',
    // Redis lists used as job queues: LPUSH/RPUSH append one more item on every call. (XADD is
    // left out: with an explicit entry id a repeat fails instead of duplicating.)
    callees: [
      'redis.Redis().lpush', 'redis.Redis().rpush', 'redis.StrictRedis().lpush', 'redis.StrictRedis().rpush',
      'redis.from_url().lpush', 'redis.from_url().rpush', 'redis.Redis.from_url().lpush', 'redis.Redis.from_url().rpush',
      'redis.asyncio.Redis().lpush', 'redis.asyncio.Redis().rpush', 'redis.asyncio.from_url().lpush', 'redis.asyncio.from_url().rpush',
    ],
    effect: 'Redis queue push',
    outcome: 'pushes it {again}',
    remedy: 'guard the push with a key derived from the inputs (SET NX), so a repeat is skipped',
  },
  {
    family: 'queue',
    callees: ['kafka.KafkaProducer().send', 'confluent_kafka.Producer().produce', 'aiokafka.AIOKafkaProducer().send', 'aiokafka.AIOKafkaProducer().send_and_wait'],
    effect: 'Kafka message',
    outcome: 'produces it {again}',
    // Offsets committed inside the producer's transaction: exactly-once consume-produce (KIP-98).
    placeEvidence: ['*.send_offsets_to_transaction'],
    remedy: 'give the message a key derived from the inputs and deduplicate downstream, or use a transactional consume-produce loop',
  },
  {
    family: 'queue',
    callees: ['*.basic_publish', 'aio_pika.Exchange().publish', 'kombu.Producer().publish', 'google.cloud.pubsub_v1.PublisherClient().publish', 'google.cloud.pubsub.PublisherClient().publish', 'azure.servicebus.ServiceBusClient().get_queue_sender().send_messages'],
    effect: 'message publish',
    outcome: 'publishes it {again}',
    evidence: ['message_id', 'MessageId'],
    remedy: 'set a message id derived from the inputs and deduplicate in the consumer',
  },
  {
    family: 'queue',
    callees: ['*.delay', '*.apply_async', 'celery.Celery().send_task', '*.send_task'],
    effect: 'Celery task enqueue',
    outcome: 'enqueues the task {again}',
    remedy: 'make the task idempotent, or enqueue it once from a step that does not run again',
  },
  // SQL (the statement is read from the string literal)
  {
    family: 'sql',
    callees: ['*.execute', '*.executemany', '*.exec_driver_sql', '*.executescript', '*.sql'],
    effect: 'SQL INSERT',
    outcome: 'inserts the rows {again}',
    when: [{ keyword: 'sql', position: 0, matches: '^\\s*(WITH\\b[\\s\\S]*?\\)\\s*)?INSERT\\b' }],
    evidenceText: 'ON\\s+CONFLICT|ON\\s+DUPLICATE\\s+KEY|INSERT\\s+OR\\s+(IGNORE|REPLACE)|INSERT\\s+IGNORE|WHERE\\s+NOT\\s+EXISTS|^\\s*(REPLACE|MERGE|UPSERT)\\b',
    remedy: 'make it an upsert (ON CONFLICT … DO NOTHING / DO UPDATE, ON DUPLICATE KEY UPDATE, MERGE) keyed on a unique column',
  },
  {
    family: 'sql',
    callees: ['sqlalchemy.insert', 'sqlalchemy.sql.insert', 'sqlalchemy.sql.expression.insert', 'sqlalchemy.dialects.postgresql.insert', 'sqlalchemy.dialects.sqlite.insert', 'sqlalchemy.dialects.mysql.insert', 'sqlalchemy.Table().insert', 'sqlmodel.insert'],
    effect: 'SQL INSERT',
    outcome: 'inserts the rows {again}',
    evidenceChain: ['on_conflict_do_nothing', 'on_conflict_do_update', 'on_duplicate_key_update', 'prefix_with'],
    remedy: 'make it an upsert (insert(...).on_conflict_do_nothing() / on_conflict_do_update()) keyed on a unique column',
  },
  {
    family: 'sql',
    callees: ['sqlalchemy.orm.Session().add', 'sqlalchemy.orm.Session().add_all', 'sqlalchemy.orm.Session().bulk_save_objects', 'sqlalchemy.orm.Session().bulk_insert_mappings', 'sqlalchemy.orm.sessionmaker()().add', 'sqlalchemy.orm.sessionmaker()().add_all', 'sqlmodel.Session().add', 'sqlmodel.Session().add_all'],
    effect: 'ORM insert',
    outcome: 'inserts the rows {again}',
    remedy: 'look the row up first (or use session.merge with a natural primary key)',
  },
  {
    family: 'sql',
    callees: ['*.objects.create', '*.objects.bulk_create'],
    effect: 'Django create',
    outcome: 'inserts the rows {again}',
    evidenceValues: { ignore_conflicts: ['True'], update_conflicts: ['True'] },
    remedy: 'use get_or_create / update_or_create keyed on a unique field',
  },
  {
    family: 'sql',
    callees: ['*.to_sql'],
    effect: 'to_sql(if_exists="append")',
    outcome: 'appends the rows {again}',
    when: [{ keyword: 'if_exists', matches: '^append$' }],
    remedy: 'write to a staging table with if_exists="replace" and merge it, or delete the batch before appending',
  },
  {
    family: 'sql',
    callees: ['*.write.mode', '*.writeTo().append'],
    effect: 'Spark append',
    outcome: 'appends the rows {again}',
    when: [{ position: 0, keyword: 'saveMode', matches: '^append$' }],
    remedy: 'overwrite the partition the run produces (mode("overwrite") with dynamic partition overwrite) or MERGE',
  },
  // Documents and vectors
  {
    family: 'document',
    callees: ['*.insert_one', '*.insert_many'],
    effect: 'document insert',
    outcome: 'inserts the documents {again}',
    remedy: 'use update_one/replace_one(..., upsert=True) keyed on a natural id',
  },
  {
    family: 'document',
    callees: ['elasticsearch.Elasticsearch().index', 'opensearchpy.OpenSearch().index'],
    effect: 'search index insert',
    outcome: 'indexes the document {again}',
    evidence: ['id'],
    remedy: 'pass id= derived from the document',
  },
  {
    family: 'document',
    callees: ['*.add_documents', '*.add_texts', '*.aadd_documents', '*.aadd_texts'],
    effect: 'vector store insert',
    outcome: 'adds the documents {again}',
    evidence: ['ids'],
    remedy: 'pass ids= derived from the documents (content hashes) so a re-run overwrites them',
  },
  {
    family: 'document',
    callees: [
      'langchain_community.vectorstores.Chroma.from_documents', 'langchain_community.vectorstores.Chroma.from_texts', 'langchain.vectorstores.Chroma.from_documents', 'langchain.vectorstores.Chroma.from_texts',
      'langchain_chroma.Chroma.from_documents', 'langchain_chroma.Chroma.from_texts', 'langchain_community.vectorstores.PGVector.from_documents', 'langchain_postgres.PGVector.from_documents',
      'langchain_community.vectorstores.Qdrant.from_documents', 'langchain_qdrant.QdrantVectorStore.from_documents', 'langchain_community.vectorstores.Milvus.from_documents', 'langchain_milvus.Milvus.from_documents',
    ],
    effect: 'vector store insert',
    outcome: 'adds the documents {again}',
    whenAny: [{ keyword: 'collection_name', present: true }, { keyword: 'persist_directory', present: true }, { keyword: 'client', present: true }, { keyword: 'connection', present: true }, { keyword: 'url', present: true }],
    evidence: ['ids'],
    evidenceValues: { pre_delete_collection: ['True'], force_recreate: ['True'] },
    remedy: 'pass ids= derived from the documents (content hashes) so a re-run overwrites them',
  },
  {
    family: 'document',
    callees: ['weaviate.*.data.insert', 'weaviate.*.data.insert_many', 'weaviate.*.batch.add_object'],
    effect: 'Weaviate insert',
    outcome: 'adds the objects {again}',
    evidence: ['uuid'],
    remedy: 'pass uuid= derived from the object (weaviate.util.generate_uuid5)',
  },
  // Files and directories
  {
    family: 'file',
    callees: ['open', 'io.open', 'codecs.open', 'pathlib.Path().open', 'aiofiles.open'],
    effect: 'file append',
    outcome: 'appends the lines {again}',
    when: [{ keyword: 'mode', position: 1, matches: 'a' }],
    remedy: 'write the whole output once (mode "w") to a path named for the run, or record which items were already written',
  },
  {
    family: 'file',
    callees: ['*.to_csv', '*.to_json'],
    effect: 'file append',
    outcome: 'appends the rows {again}',
    when: [{ keyword: 'mode', matches: 'a' }],
    remedy: 'write the whole output once (mode "w") to a path named for the run, or record which items were already written',
  },
  {
    family: 'directory',
    callees: ['os.makedirs', 'pathlib.Path().mkdir', '*.mkdir'],
    effect: 'mkdir',
    outcome: 'fails with FileExistsError',
    evidenceValues: { exist_ok: ['True'] },
    fix: 'exist-ok',
    remedy: 'pass exist_ok=True',
  },
  {
    family: 'directory',
    callees: ['os.mkdir'],
    effect: 'os.mkdir',
    outcome: 'fails with FileExistsError',
    fix: 'mkdir-to-makedirs',
    remedy: 'use os.makedirs(path, exist_ok=True)',
  },
  {
    family: 'directory',
    callees: ['shutil.copytree'],
    effect: 'copytree',
    outcome: 'fails with FileExistsError',
    evidenceValues: { dirs_exist_ok: ['True'] },
    remedy: 'pass dirs_exist_ok=True',
  },
  // Cloud resources
  {
    family: 'cloud',
    callees: ['*.client().create_*', '*.client().run_instances', '*.client().run_job_flow', '*.client().start_execution', '*.client().request_certificate', '*.resource().create_*'],
    exclude: ['*.create_presigned_*', '*.create_tags', '*.create_multipart_upload', '*.create_*token*', '*.create_waiter', '*.create_session'],
    effect: 'cloud resource creation',
    outcome: 'creates it {again} (or fails because it exists)',
    evidence: ['ClientToken', 'ClientRequestToken', 'IdempotencyToken', 'CallerReference', 'IdempotencyKey'],
    remedy: 'pass ClientToken / ClientRequestToken derived from the inputs, or look the resource up first',
  },
  {
    family: 'cloud',
    callees: ['sagemaker.*.deploy', 'sagemaker.*().deploy'],
    effect: 'SageMaker deploy',
    outcome: 'creates another endpoint (or fails because it exists)',
    remedy: 'deploy from a step that runs once, or reuse the endpoint (sagemaker.Predictor(endpoint_name))',
  },
  {
    family: 'cloud',
    callees: ['google.cloud.storage.Client().create_bucket', 'google.cloud.bigquery.Client().create_table', 'google.cloud.bigquery.Client().create_dataset'],
    effect: 'cloud resource creation',
    outcome: 'fails because it exists',
    evidenceValues: { exists_ok: ['True'] },
    remedy: 'pass exists_ok=True, or look the resource up first',
  },
  {
    family: 'cloud',
    callees: ['openai.OpenAI().beta.assistants.create', 'openai.OpenAI().fine_tuning.jobs.create', 'openai.OpenAI().vector_stores.create', 'openai.OpenAI().beta.vector_stores.create', 'openai.OpenAI().files.create', 'openai.AsyncOpenAI().beta.assistants.create', 'openai.OpenAI().batches.create'],
    effect: 'OpenAI resource creation',
    outcome: 'creates another one {again}',
    remedy: 'create it once and reuse its id (look it up by name or metadata first)',
  },
];

/**
 * SDK calls that are reads (TAXONOMY I-effect: model inference changes nothing outside; it costs
 * money but a retry duplicates nothing). They win over any effect pattern that is not more
 * specific, built-in or `[tool.preflight.idempotency] effects` (`*.create` does not take
 * `client.chat.completions.create`).
 */
export const READ_CALLS: readonly string[] = [
  // OpenAI (and OpenAI-compatible SDKs: Together, Groq, DeepSeek, Mistral's v0 client …)
  '*.chat.completions.create', '*.chat.completions.parse', '*.chat.completions.stream', '*.completions.create', '*.responses.create', '*.responses.parse',
  '*.responses.stream', '*.embeddings.create', '*.moderations.create', '*.images.generate', '*.images.edit', '*.images.create_variation',
  '*.audio.transcriptions.create', '*.audio.translations.create', '*.audio.speech.create',
  // Anthropic
  'anthropic.*.messages.create', 'anthropic.*.messages.stream', 'anthropic.*.messages.count_tokens', 'anthropic.*.completions.create',
  // Google Gen AI / Vertex AI
  '*.models.generate_content', '*.models.generate_content_stream', '*.models.embed_content', '*.models.count_tokens', '*.models.generate_images',
  '*.GenerativeModel().generate_content', '*.GenerativeModel().count_tokens', '*.chats.create().send_message', '*.start_chat().send_message', '*.Endpoint().predict',
  // Mistral, Cohere, Ollama, LiteLLM, Hugging Face
  'mistralai.*.chat.complete', 'mistralai.*.chat.stream', 'mistralai.*.embeddings.create', 'mistralai.*.ocr.process',
  'cohere.*.chat', 'cohere.*.chat_stream', 'cohere.*.embed', 'cohere.*.rerank', 'cohere.*.generate', 'cohere.*.classify',
  'ollama.chat', 'ollama.generate', 'ollama.embed', 'ollama.embeddings', 'ollama.*.chat', 'ollama.*.generate', 'ollama.*.embed',
  'litellm.completion', 'litellm.acompletion', 'litellm.embedding', 'litellm.aembedding', 'litellm.image_generation', 'litellm.text_completion',
  'huggingface_hub.InferenceClient().*', 'huggingface_hub.AsyncInferenceClient().*',
  // AWS inference and analysis endpoints
  '*.client().invoke_model', '*.client().invoke_model_with_response_stream', '*.client().converse', '*.client().converse_stream', '*.client().invoke_endpoint',
  '*.client().retrieve', '*.client().detect_document_text', '*.client().analyze_document', '*.client().detect_*',
];

/**
 * HTTP endpoints a POST reads from (TAXONOMY I-effect: "POSTs that are reads by their endpoint").
 * `path` is a case-insensitive regular expression matched against the URL's path as far as the
 * code shows it: scheme, host, query and trailing ids or unknown parts (`{}` for a value the
 * code does not show: `f"{base}/images/fetch/{request_id}"` is `{}/images/fetch`) removed.
 * `host`, when given, must match the host as well. The URL comes from the call's url argument:
 * literals, f-strings, `+` and `urljoin`/`"/".join` of constants and names bound to them.
 */
export interface ReadEndpoint {
  readonly what: string;
  readonly path: string;
  readonly host?: string;
}

export const READ_ENDPOINTS: readonly ReadEndpoint[] = [
  // Model inference (OpenAI-compatible servers, TF Serving, SageMaker, TGI, vLLM, Ollama, Vertex)
  { what: 'model inference', path: '(^|/)(chat/)?completions$|(^|/)(embeddings?|embed|rerank|moderations|tokenize|detokenize)$|(^|/)v1/responses$' },
  { what: 'model inference', path: '(^|/)(predict|predictions|invocations|infer|inference)$|^(\\{\\})?/generate(_stream)?$|(^|/)api/(chat|generate|embed|embeddings)$' },
  { what: 'model inference', path: ':(predict|rawpredict|streamrawpredict|generatecontent|streamgeneratecontent|embedcontent|batchembedcontents|counttokens|classify|regress|explain)$' },
  { what: 'model inference', path: '(^|/)(images/(generations|edits|variations)|audio/(transcriptions|translations|speech))$|(^|/)(txt2img|img2img|text2img|text-to-image)$' },
  { what: 'model inference', path: '(^|/)v1/messages(/count_tokens)?$', host: '(^|\\.)anthropic\\.com$' },
  // OCR and document / image analysis
  { what: 'OCR', path: '(^|/)(ocr|analyze)$|:(analyze|process|annotate|batchannotate)$' },
  // Search APIs (Elasticsearch / OpenSearch, vector databases, web search)
  { what: 'search', path: '(^|/)(search|_search|_msearch|_count|_mget|query|retrieve|findsimilar)$|:(search|query)$' },
  // Scraping and headless browsers (a page rendered or read at the service's root)
  { what: 'scrape', path: '^(\\{\\})?/(content|contents|scrape|screenshot|pdf|unblock|extract)$|(^|/)v\\d+/(scrape|extract|map)$' },
  // Token requests (OAuth 2.0 token endpoint, RFC 6749 §3.2)
  { what: 'token request', path: '(^|/)(access_|oauth_)?token$|(^|/)token/(refresh|verify)$|(^|/)auth/tokens$' },
  // Polling a job's status or result
  { what: 'status poll', path: '(^|/)(fetch|poll|status)$' },
  // NCBI E-utilities (POST for long id lists)
  { what: 'E-utilities read', path: '(^|/)e(fetch|search|summary|link|info|spell|citmatch)\\.fcgi$' },
];

/**
 * A JSON body that asks a model for an answer (OpenAI-compatible chat and completion APIs, and
 * the many servers that copy them): every key of `all` and one of `any`, whatever the URL.
 */
export const INFERENCE_BODY = { all: ['model'], any: ['messages', 'prompt'] } as const;

/** GraphQL endpoints: a POST whose `query` is a query (not a `mutation`) is a read. */
export const GRAPHQL_ENDPOINT = '(^|/)graphql$';

/** Names (called, or tested in an `if`) that read as "was this already done?". */
export const EXISTENCE_CHECKS = /(exist|isdir|isfile|is_dir|is_file|already|seen|sent|processed|done|duplicate|dedup|\bcount\b|find_one|get_object|head_object|lookup|has_|is_new|retriev)/i;

/** Exceptions whose handler means "it was already there". */
export const DUPLICATE_EXCEPTIONS = ['FileExistsError', 'IntegrityError', 'UniqueViolation', 'DuplicateKeyError', 'BucketAlreadyOwnedByYou', 'BucketAlreadyExists', 'ResourceExistsError', 'Conflict', 'AlreadyExists', 'EntityAlreadyExists', 'ResourceInUseException'];

/**
 * Exceptions a lookup raises when the row or key is not there (Django `Model.DoesNotExist`,
 * SQLAlchemy `NoResultFound`, a dict's `KeyError`): an insert in their handler, after a lookup of
 * the same model in the `try`, is the check-then-create the remedy asks for.
 */
export const NOT_FOUND_EXCEPTIONS = ['DoesNotExist', 'ObjectDoesNotExist', 'NoResultFound', 'KeyError', 'NotFound', 'NoSuchKey', 'ResourceNotFoundException'];

/**
 * Calls that look a row, document or key up (last name of a call in an expression that also
 * names the model: `session.query(User).filter_by(k=v).first()`, `User.objects.filter(…).first()`,
 * `session.get(User, pk)`, `session.scalars(select(User)…).one_or_none()`).
 */
export const LOOKUP_CALLS: ReadonlySet<string> = new Set([
  'get', 'first', 'one', 'one_or_none', 'scalar', 'scalar_one', 'scalar_one_or_none', 'scalars', 'exists', 'filter', 'filter_by',
  'find_one', 'find', 'fetchone', 'fetchall', 'all', 'query', 'select', 'where', 'get_object_or_404', 'last', 'latest', 'earliest', 'count',
]);

/** I-rerun: in-place changes that give a different result each time a notebook cell runs. */
export const RERUN_MUTATIONS = {
  /** Methods that change their receiver a little more on every call. */
  methods: ['append', 'extend', 'insert', 'pop', 'popitem', 'remove', 'update', 'reverse', 'appendleft', 'extendleft', 'rotate', 'popleft'],
  /**
   * `inplace=True` methods that reach the same state however often they run (dropping missing
   * values twice drops nothing the second time); every other `inplace=True` call is flagged
   * (`drop`, `set_index`, `reset_index`, `rename` then fail or change again).
   */
  idempotentInplace: ['fillna', 'dropna', 'drop_duplicates', 'sort_values', 'sort_index', 'ffill', 'bfill', 'clip', 'interpolate', 'where', 'mask', 'replace', 'query'],
  /** `inplace=True` methods idempotent with these keyword values (`reset_index(drop=True)` adds no column). */
  idempotentInplaceWhen: { reset_index: { drop: 'True' } } as Readonly<Record<string, Readonly<Record<string, string>>>>,
  /** Mutating methods that reach a fixed point with these argument shapes (see rerun-mutation.ts). */
  fixedPoint: {
    /** `d.pop(k, None)`: with a default, removing a key that is gone does nothing (list.pop takes one argument). */
    popWithDefault: 'pop',
    /** `d.update({"a": 1})`, `d.update(a=1)`: the same mapping again changes nothing. */
    updateWithMapping: 'update',
  },
  /** Receivers whose `.update(mapping)` adds rather than sets (`Counter.update` adds counts). */
  accumulatingUpdate: ['collections.Counter', 'collections.*Counter'],
  /** Receivers whose `.append` returns a copy (pandas `DataFrame.append`, `Index.append`). */
  copyingAppend: ['pandas.*'],
  /** Calls that leave pandas for a plain list (`df.columns.tolist().append(…)` mutates that list). */
  leavePandas: ['tolist', 'to_list', 'to_dict', 'to_records', 'keys', 'items', 'values'],
  /**
   * Roots that are API clients (`libraryOf` of the receiver): `client.beta.assistants.update(…)`
   * and `index.update(…)` are remote calls, not changes to notebook state.
   */
  apiClients: [
    '*.*Client', '*.*client', 'boto3.client', 'boto3.resource', 'boto3.session.Session', 'openai.OpenAI', 'openai.AsyncOpenAI', 'openai.AzureOpenAI', 'anthropic.Anthropic',
    'anthropic.AsyncAnthropic', 'stripe.StripeClient', 'pinecone.Pinecone', 'weaviate.connect_to_*', 'github.Github', 'jira.JIRA', 'gspread.authorize', 'gspread.service_account',
    'googleapiclient.discovery.build', 'firebase_admin.firestore.client', 'supabase.create_client', 'notion_client.Client', 'mlflow.tracking.MlflowClient', 'wandb.Api',
  ],
  /**
   * Functions a transform may apply again without changing the result (`.apply(lambda x: min(x, 120))`,
   * `.map(str.lower)`, `.apply(abs)`): clamps, roundings, conversions, case and whitespace.
   */
  idempotentFunctions: [
    'min', 'max', 'abs', 'round', 'int', 'float', 'str', 'bool', 'numpy.clip', 'numpy.abs', 'numpy.absolute', 'numpy.round', 'numpy.around', 'numpy.floor', 'numpy.ceil', 'numpy.trunc',
    'numpy.rint', 'numpy.minimum', 'numpy.maximum', 'numpy.sign', 'math.floor', 'math.ceil', 'math.trunc', 'math.fabs', 'str.lower', 'str.upper', 'str.strip', 'str.lstrip', 'str.rstrip',
    'str.title', 'str.casefold', 'str.capitalize', 'pandas.to_datetime', 'pandas.to_numeric',
  ],
  /** Methods of the value a transform may apply again (`lambda s: s.strip().lower()`). */
  idempotentMethods: ['lower', 'upper', 'strip', 'lstrip', 'rstrip', 'title', 'casefold', 'capitalize', 'clip', 'round', 'abs', 'floor', 'ceil'],
  /** `df["c"] = df["c"].map(...)`: methods that transform again on a re-run (`.map` twice gives NaN). */
  transformMethods: ['map', 'apply', 'applymap', 'transform', 'shift', 'diff', 'cumsum', 'cumprod', 'pct_change', 'rolling'],
  /**
   * Calls that return their arguments joined: `X = pd.concat([X, new])`, `np.append(X, v)`,
   * `torch.cat((X, y))` grow X on every re-run, as `X += new` does; so does the method form
   * `X = X.append(row)` (pandas' append returns a copy, which is kept).
   */
  accumulatingCalls: ['concat', 'concatenate', 'append', 'vstack', 'hstack', 'dstack', 'column_stack', 'row_stack', 'stack', 'cat', 'chain'],
  /** Augmented assignments that reach a fixed point (set union / intersection, bit masks). */
  idempotentAugmented: ['|=', '&='],
  /** Binary operators that compound when the target is one operand (`x = x + 1`). */
  compoundingOperators: ['+', '-', '*', '/', '//', '**', '%', '@', '<<', '>>'],
} as const;
