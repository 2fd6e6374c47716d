import { movingModelAliasRule } from '../../../server/src/engine/rules/moving-model-alias';
import { ruleTester } from '../ruleTester';

ruleTester.run(movingModelAliasRule, {
  valid: [
    'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o-2024-08-06")\n',
    'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4-0125-preview")\n',
    'import anthropic\nanthropic.Anthropic().messages.create(model="claude-3-5-sonnet-20241022", max_tokens=10, messages=[])\n',
    'import os\nfrom openai import OpenAI\nOpenAI().chat.completions.create(model=os.environ["MODEL"], messages=[])\n',
    'import os\nMODEL = os.getenv("MODEL", "gpt-4o")\nfrom openai import OpenAI\nOpenAI().chat.completions.create(model=MODEL, messages=[])\n',
    'from langchain.chat_models import init_chat_model\ninit_chat_model("anthropic:claude-3-5-sonnet-20241022")\n',
    'from mistralai import Mistral\nMistral(api_key="k").chat.complete(model="mistral-large-2411", messages=[])\n',
    'import cohere\ncohere.Client().chat(model="command-r-plus-08-2024", message="hi")\n',
    'from transformers import pipeline\npipeline("text-generation", model="gpt2")\n',
    'print("gpt-4o")\nname = "gpt-4o"\n',
    'from smolagents import InferenceClientModel\nInferenceClientModel("meta-llama/Meta-Llama-3-8B-Instruct")\n',
    { name: 'Ollama models with a tag; bare names for other clients', code: 'from langchain_ollama import ChatOllama\nimport ollama\nChatOllama(model="llama3.1:8b")\nollama.chat(model="mistral:7b-instruct-q4_0", messages=[])\nfrom transformers import AutoModel\nAutoModel.from_pretrained("llama2")\nload(model="llama2")\n' },
    { name: 'dated Mistral ids and dicts that are not requests', code: 'Mistral().chat.complete(model="mistral-large-2411")\nsave(config={"name": "mistral-large-latest"})\n' },
    { name: 'a dict splat without a model key, or with a dated id', code: 'opts = {"temperature": 0}\nclient.chat.complete(model="mistral-large-2411", **opts)\nreq = {"model": "gpt-4o-2024-08-06"}\nclient.chat.complete(**req)\n' },
    { name: 'a gateway whose catalogue has no dated snapshots (LiveKit Inference)', code: 'from livekit.agents import inference\nllm = inference.LLM(model="openai/gpt-4.1-mini")\nfrom livekit.agents.inference import STT\nSTT(model="openai/gpt-4o-transcribe")\n' },
    { name: 'LiteLLM azure/<deployment>: the deployment fixes the version', code: 'import litellm\nlitellm.completion("azure/gpt-4o", messages=[])\nLitellmModel(model="azure/gpt-4o-mini")\n' },
    { name: 'test data: a unit test that gives the client a literal (fake) key', filename: 'tests/test_stt_options.py', code: 'from livekit.plugins import openai\n\ndef test_prompt_only_for_transcribe_models():\n    stt = openai.STT(model="gpt-4o-transcribe", api_key="test-key")\n    assert stt.options.prompt is None\n' },
    // ids that are not sent to a model
    {
      name: 'usage, metrics and pricing records, and protobuf messages, only store the id',
      code: 'from livekit.agents.metrics import LLMModelUsage\nfrom app.proto import session_pb2\nu = LLMModelUsage(provider="openai", model="gpt-4")\nModelPricing(model="gpt-4o", input_per_mtok=2.5)\nrecord_cost(TokenStats(model_name="gpt-4o-mini", tokens=3))\nsession_pb2.SessionInfo(model="gpt-4o")\n',
    },
    {
      name: 'a unit test that patches the HTTP layer: the id only reaches a mock',
      filename: 'tests/test_client.py',
      code: 'from unittest.mock import patch\nfrom myapp.client import AgentClient\n\ndef test_invoke():\n    with patch("httpx.post") as post:\n        AgentClient().invoke("hi", model="gpt-5-nano")\n        assert post.call_args.kwargs["json"]["model"] == "gpt-5-nano"\n',
    },
    {
      name: 'unit tests with respx or the mocker fixture',
      filename: 'tests/test_llm.py',
      code: 'import respx\nfrom openai import OpenAI\n\n@respx.mock\ndef test_a():\n    OpenAI(api_key=k).chat.completions.create(model="gpt-4o", messages=[])\n\ndef test_b(mocker):\n    mocker.patch("openai.OpenAI")\n    OpenAI().chat.completions.create(model="gpt-4o-mini", messages=[])\n',
    },
    {
      name: "the project's own service API: the id goes into its request record and over HTTP to the service",
      files: {
        'schema.py': 'from pydantic import BaseModel\n\nclass UserInput(BaseModel):\n    message: str\n    model: str | None = None\n',
        'client.py': 'import httpx\nfrom schema import UserInput\n\nclass AgentClient:\n    def __init__(self, base):\n        self.base = base\n\n    def invoke(self, message, model=None):\n        request = UserInput(message=message, model=model)\n        return httpx.post(f"{self.base}/invoke", json=request.model_dump())\n',
      },
      code: 'from client import AgentClient\nclient = AgentClient("http://localhost:8080")\nclient.invoke("hi", model="gpt-5-nano")\n',
    },
    {
      name: "the project's own service API through a package, the id set on its request record after a test",
      files: {
        'schema/__init__.py': 'from schema.schema import UserInput\n',
        'schema/schema.py': 'from pydantic import BaseModel\n\nclass UserInput(BaseModel):\n    message: str\n    model: str | None = None\n',
        'client/__init__.py': 'from client.client import AgentClient\n',
        'client/client.py': 'import httpx\nfrom schema import UserInput\n\nclass AgentClient:\n    async def ainvoke(self, message, model: str | None = None):\n        request = UserInput(message=message)\n        if model:\n            request.model = model\n        async with httpx.AsyncClient() as c:\n            return await c.post(f"{self.base}/invoke", json=request.model_dump())\n',
      },
      code: 'from client import AgentClient\n\nasync def main():\n    client = AgentClient()\n    await client.ainvoke("hi", model="gpt-5-nano")\n',
    },
    { name: 'allowed-model-ids', code: 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o", messages=[])\n', config: { dependencies: { 'allowed-model-ids': ['gpt-4o'] } } },
  ],
  invalid: [
    { name: 'example scripts: a hint (they follow the current model on purpose)', filename: 'integrations/e2b/examples/pipeline_example.py', code: 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o-mini", messages=[])\n', errors: [{ line: 2, severity: 'hint', message: /'gpt-4o-mini' is a moving OpenAI alias/ }] },
    { name: 'the same call in application code: a warning', filename: 'app/pipeline.py', code: 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o-mini", messages=[])\n', errors: [{ line: 2, severity: 'warning' }] },
    { name: 'ChatOpenAI model= and model_name=', code: 'from langchain_openai import ChatOpenAI\na = ChatOpenAI(temperature=0, model="gpt-4o")\nb = ChatOpenAI(model_name="gpt-3.5-turbo")\n', errors: [{ line: 2, column: 37, endColumn: 45, message: /'gpt-4o' is a moving OpenAI alias/ }, { line: 3, column: 27, endColumn: 42 }] },
    { name: 'OpenAI client', code: 'from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4-turbo", messages=[])\n', errors: [{ line: 3, column: 38 }] },
    { name: 'anthropic messages.create and ChatAnthropic', code: 'import anthropic\nfrom langchain_anthropic import ChatAnthropic\nanthropic.Anthropic().messages.create(model="claude-3-5-sonnet-latest", max_tokens=1, messages=[])\nChatAnthropic(model="claude-sonnet-4-0")\n', errors: [{ line: 3, message: /Anthropic alias/ }, { line: 4 }] },
    { name: 'init_chat_model provider:model, LiteLLM positional', code: 'from langchain.chat_models import init_chat_model\nimport litellm\ninit_chat_model("openai:gpt-4o-mini")\nlitellm.completion("openai/gpt-4o", messages=[])\n', errors: [{ line: 3, column: 17 }, { line: 4, column: 20 }] },
    { name: 'Google GenAI', code: 'import google.generativeai as genai\nfrom google import genai as g2\ngenai.GenerativeModel("gemini-1.5-pro")\ng2.Client().models.generate_content(model="gemini-1.5-flash-latest", contents="x")\n', errors: [{ line: 3, message: /Google alias/ }, { line: 4 }] },
    {
      name: '**kwargs built as a dict literal, inline, or with dict()',
      code: 'from mistralai import Mistral\nclient = Mistral(api_key=k)\nquery = {"messages": [], "model": "mistral-small-latest"}\nclient.chat.stream(**query)\nclient.chat.complete(**{"model": "gpt-4o"})\nclient.chat.complete(**dict(model="claude-3-5-haiku-latest"))\n',
      errors: [{ line: 3, column: 35, endColumn: 57 }, { line: 5, column: 34 }, { line: 6, column: 35 }],
    },
    {
      name: 'a keyword whose value is a request dict; bare Mistral family names',
      code: 'from mistralai import Mistral\nOptimizer.initialize(optimize_kwargs={"model": "mistral-large-latest", "temperature": 0.7})\nMistral(api_key=k).chat.complete(model="mistral-large", messages=[])\n',
      errors: [{ line: 2, column: 48, endColumn: 70 }, { line: 3, column: 40, endColumn: 55, message: /'mistral-large' is a moving Mistral alias/ }],
    },
    {
      name: 'Ollama model names without a tag or with :latest',
      code: 'from llama_index.llms.ollama import Ollama\nfrom langchain_ollama import ChatOllama\nimport ollama\nllm = Ollama(model="llama2", request_timeout=60)\nChatOllama(model="llama3:latest")\nollama.generate(model="mistral", prompt="x")\n',
      errors: [{ line: 4, column: 20, endColumn: 28, message: /'llama2' is a moving Ollama alias/ }, { line: 5 }, { line: 6 }],
    },
    { name: 'a variable bound to the literal: reported at the literal, once', cells: ['from langchain_mistralai import ChatMistralAI\nmistral_model = "mistral-large-latest"\nllm = ChatMistralAI(model=mistral_model, temperature=0)', 'ChatMistralAI(model=mistral_model)'], errors: [{ cell: 1, line: 2, column: 17, endColumn: 39, message: /Mistral alias/ }] },
    { name: 'Cohere alias through a wrapper function', cells: ['response = wrapper.send_cohere_request(\n    endpoint="generate",\n    model="command-r-plus",\n)'], errors: [{ cell: 1, line: 3, column: 11 }] },
    {
      name: 'the fix names a snapshot of the same model only when one is known',
      code: 'from openai import OpenAI\nc = OpenAI()\nc.responses.create(model="gpt-5-mini", input="x")\nc.audio.transcriptions.create(model="gpt-4o-transcribe", file=f)\nc.chat.completions.create(model="openai/gpt-4o-mini", messages=[])\n',
      errors: [
        { line: 3, message: /; use a dated snapshot of the same model \(e\.g\. 'gpt-5-mini-2025-08-07'\)\.$/ },
        { line: 4, message: /; use a dated snapshot of this model from the provider's model list\.$/ },
        { line: 5, message: /\(e\.g\. 'gpt-4o-mini-2024-07-18'\)\.$/ },
      ],
    },
    {
      name: 'Ollama: pin a tag of the same model, none named',
      code: 'import ollama\nollama.chat(model="orca-mini", messages=[])\n',
      errors: [{ line: 2, message: /pin a size-and-quantisation tag of the same model \('orca-mini:<tag>'\)\.$/ }],
    },
    {
      name: 'a provider plugin (not the gateway) with a moving alias',
      code: 'from livekit.plugins import openai\nllm = openai.LLM(model="gpt-4.1-mini")\n',
      errors: [{ line: 2, severity: 'warning', message: /'gpt-4\.1-mini-2025-04-14'/ }],
    },
    {
      name: 'a test that reads real credentials (an eval calling the model): only a hint',
      filename: 'tests/test_eval.py',
      code: 'import os\nfrom openai import OpenAI\n\ndef test_answer():\n    c = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n    c.chat.completions.create(model="gpt-4o", messages=[])\n',
      errors: [{ line: 6, severity: 'hint' }],
    },
    {
      name: 'no dated snapshot known: a *-latest id with none, or an id through a model router, is a hint that says so',
      code: 'from haystack_integrations.components.generators.aimlapi import AIMLAPIChatGenerator\nfrom haystack_integrations.components.generators.openrouter import OpenRouterChatGenerator\nAIMLAPIChatGenerator(model="openai/gpt-5-chat-latest")\nOpenRouterChatGenerator(model="openai/gpt-4o-mini")\nfrom anthropic import Anthropic\nAnthropic().messages.create(model="claude-3-7-sonnet-latest", messages=[])\n',
      errors: [
        { line: 3, severity: 'hint', message: /^Model id 'openai\/gpt-5-chat-latest' is a moving OpenAI alias through a model router, but no dated snapshot of it is known for this router/ },
        { line: 4, severity: 'hint', message: /through a model router, but no dated snapshot of it is known/ },
        { line: 6, severity: 'warning', message: /'claude-3-7-sonnet-20250219'/ },
      ],
    },
    {
      name: 'a *-latest id without a known snapshot is a hint; with one (Mistral families), a warning that names it',
      code: 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-5-chat-latest", messages=[])\nfrom mistralai import Mistral\nMistral(api_key=k).chat.complete(model="magistral-small-latest", messages=[])\n',
      errors: [
        { line: 2, severity: 'hint', message: /^Model id 'gpt-5-chat-latest' is a moving OpenAI alias, but no dated snapshot of it is known: .*pin one if the provider's model list offers it\.$/ },
        { line: 4, severity: 'warning', message: /\(e\.g\. 'magistral-small-2509'\)\.$/ },
      ],
    },
    {
      name: 'a project wrapper that hands the id to a client, and a project function that posts an inference body',
      files: {
        'lm.py': 'import dspy\n\nclass OpenAIModel(dspy.OpenAI):\n    def __init__(self, model, **kwargs):\n        super().__init__(model=model, **kwargs)\n',
        'ask.py': 'import httpx\n\ndef ask(question, model):\n    return httpx.post("https://api.example.com/v1/chat/completions", json={"model": model, "messages": [question]})\n',
      },
      code: 'from lm import OpenAIModel\nfrom ask import ask\nOpenAIModel(model="gpt-4o")\nask("q", model="gpt-4o-mini")\n',
      errors: [{ line: 3, severity: 'warning' }, { line: 4, severity: 'warning' }],
    },
    { name: 'a config record is not a usage record: it is handed to a client later', code: 'cfg = LLMConfig(model="gpt-4o", temperature=0)\n', errors: [{ line: 1, column: 23 }] },
    { name: 'configured extra alias', code: 'llm = Client(model="my-team-default")\n', config: { dependencies: { 'moving-model-aliases': ['my-team-default'] } }, errors: [{ line: 1, column: 20 }] },
  ],
});
