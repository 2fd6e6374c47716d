import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { movingModelAliasRule } from '../../../server/src/engine/rules/moving-model-alias';
import { runCase, ruleTester } from '../ruleTester';

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
    // Model ids that reach the client indirectly: configuration is never reported.
    {
      name: 'AutoGen: a config list loaded from a file or the environment is configuration',
      code: 'import os\nimport autogen\nconfig_list = autogen.config_list_from_json("OAI_CONFIG_LIST", filter_dict={"model": ["gpt-4", "gpt-4-0314"]})\nassistant = autogen.AssistantAgent("assistant", llm_config={"config_list": config_list, "temperature": 0})\nenv_list = [{"model": os.environ["MODEL"], "api_key": os.environ["KEY"]}]\nautogen.UserProxyAgent("user", llm_config={"config_list": env_list})\n',
    },
    {
      name: 'AutoGen: dated ids, and a model name from the task (a parameter) with a literal fallback',
      code: 'from autogen import AssistantAgent\nllm_config = {"config_list": [{"model": "gpt-4o-2024-08-06", "api_key": k}]}\nAssistantAgent("a", llm_config=llm_config)\n\ndef build(task):\n    name = task.get("model") or "gpt-4o"\n    return AssistantAgent("b", llm_config={"config_list": [{"model": name}]})\n',
    },
    {
      name: 'AutoGen: an imported configuration with a dated id, and one read from the environment in its module',
      files: { 'settings.py': 'import os\nconfig_list = [{"model": "gpt-4o-2024-08-06"}]\nenv_config = {"config_list": [{"model": os.getenv("MODEL")}]}\n' },
      code: 'from autogen import AssistantAgent\nfrom settings import config_list, env_config\nAssistantAgent("a", llm_config={"config_list": config_list})\nAssistantAgent("b", llm_config=env_config)\n',
    },
    { name: 'llm= outside CrewAI is not read as a model id', code: 'from somewhere import Agent\nAgent(llm="gpt-4o")\nmake_chain(llm="gpt-4o")\n' },
    {
      name: 'OpenAI-compatible clients: a tagged Ollama name; an untagged name on OpenAI itself or another server',
      code: 'from openai import OpenAI\nollama = OpenAI(base_url="http://localhost:11434/v1", api_key="ollama")\nollama.chat.completions.create(model="llama3.1:8b", messages=[])\nvllm = OpenAI(base_url="http://localhost:8000/v1")\nvllm.chat.completions.create(model="llama3", messages=[])\nOpenAI().chat.completions.create(model="my-finetune", messages=[])\n',
    },
    {
      name: 'realtime: a dated id in the URL, a URL only compared, a query without a model, another host',
      code: 'import websockets\nwebsockets.connect("wss://api.openai.com/v1/realtime?model=gpt-4o-realtime-preview-2024-12-17")\nassert build_url("gpt-4") == "wss://api.openai.com/v1/realtime?model=gpt-4"\nwebsockets.connect("wss://api.openai.com/v1/realtime?intent=transcription")\nwebsockets.connect("wss://example.com/realtime?model=gpt-4o")\nwebsockets.connect(f"wss://api.openai.com/v1/realtime?model={os.environ[\'MODEL\']}")\n',
    },
    { name: 'allowed-model-ids', code: 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o", messages=[])\n', config: { dependencies: { 'allowed-model-ids': ['gpt-4o'] } } },
  ],
  invalid: [
    { name: 'example scripts: a hint (they follow the current model on purpose)', filename: 'integrations/e2b/examples/pipeline_example.py', code: 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o-mini", messages=[])\n', errors: [{ line: 2, severity: 'hint', message: /'gpt-4o-mini' is a moving OpenAI alias/ }] },
    { name: 'a file named as an example, a benchmark script: hints', filename: 'backend/report_type/deep_research/example.py', code: 'from openai import OpenAI\nOpenAI().chat.completions.create(model="o3-mini", messages=[])\n', errors: [{ line: 2, severity: 'hint' }] },
    { name: 'a benchmark script: a hint', filename: 'scripts/retrieval_benchmark.py', code: 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o", messages=[])\n', errors: [{ line: 2, severity: 'hint' }] },
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
    // Model ids that reach the client indirectly.
    {
      name: 'AutoGen: config_list through llm_config, names and an inline dict; reported at the literal, once',
      code: 'import autogen\nfrom autogen import AssistantAgent, UserProxyAgent\nconfig_list = [{"model": "gpt-4o", "api_key": k}]\nllm_config = {"config_list": config_list, "temperature": 0}\nAssistantAgent("assistant", llm_config=llm_config)\nUserProxyAgent("user", llm_config=llm_config)\nautogen.ConversableAgent("c", llm_config={"config_list": [{"model": "gpt-4-turbo"}]})\n',
      errors: [{ line: 3, column: 26, endColumn: 34, message: /'gpt-4o' is a moving OpenAI alias.*'gpt-4o-2024-08-06'/ }, { line: 7, column: 69, endColumn: 82 }],
    },
    {
      name: 'AutoGen in a notebook: the config list of an earlier cell, reported in that cell',
      cells: ['import os\nconfig_list = [{"model": "gpt-4o-mini", "api_key": os.environ["OPENAI_API_KEY"]}]', 'from autogen import AssistantAgent\nagent = AssistantAgent("a", llm_config={"config_list": config_list})'],
      errors: [{ cell: 1, line: 2, column: 26, endColumn: 39 }],
    },
    {
      name: 'AG2: LLMConfig with a config list or a positional dict, OpenAIWrapper(config_list=…), a flat llm_config',
      code: 'from autogen import LLMConfig, OpenAIWrapper, ConversableAgent\nLLMConfig(config_list=[{"api_type": "openai", "model": "gpt-4o-mini"}])\nLLMConfig({"model": "claude-3-5-sonnet-latest", "api_type": "anthropic"})\nOpenAIWrapper(config_list=[dict(model="gpt-3.5-turbo")])\nflat = {"model": "o3-mini", "api_type": "openai"}\nConversableAgent("a", llm_config=flat)\n',
      errors: [{ line: 2, column: 56 }, { line: 3, column: 21 }, { line: 4, column: 39 }, { line: 5, column: 18 }],
    },
    {
      name: 'AutoGen: an endpoint dict for Ollama (base URL or api_type) with an untagged name',
      code: 'from autogen import AssistantAgent\nAssistantAgent("a", llm_config={"config_list": [{"model": "llama3", "base_url": "http://localhost:11434/v1", "api_key": "ollama"}]})\nAssistantAgent("b", llm_config={"config_list": [{"model": "mistral", "api_type": "ollama"}]})\n',
      errors: [{ line: 2, message: /'llama3' is a moving Ollama alias: a name without a tag/ }, { line: 3, message: /'mistral' is a moving Ollama alias/ }],
    },
    {
      name: 'autogen_agentchat / autogen_ext model clients',
      code: 'from autogen_agentchat.agents import AssistantAgent\nfrom autogen_ext.models.openai import OpenAIChatCompletionClient\nclient = OpenAIChatCompletionClient(model="gpt-4o")\nAssistantAgent("a", model_client=client)\nOpenAIChatCompletionClient(model="llama3.2", base_url="http://localhost:11434/v1", model_info=info)\n',
      errors: [{ line: 3, column: 43 }, { line: 5, column: 34, message: /Ollama/ }],
    },
    {
      name: 'provider-prefixed ids passed to agent frameworks (pydantic-ai, OpenAI Agents SDK, smolagents, CrewAI, LangChain)',
      code: 'from pydantic_ai import Agent\nfrom agents import Agent as SdkAgent\nfrom smolagents import LiteLLMModel\nfrom crewai import Agent as CrewAgent, Crew, LLM\nfrom langchain.chat_models import init_chat_model\nAgent("openai:gpt-4o")\nAgent(model="anthropic:claude-3-5-sonnet-latest")\nSdkAgent(name="a", model="gpt-4.1")\nLiteLLMModel(model_id="anthropic/claude-3-7-sonnet-latest")\nLLM(model="openai/gpt-4o-mini")\nCrewAgent(role="r", goal="g", backstory="b", llm="gpt-4o", function_calling_llm="gpt-4o-mini")\nCrew(agents=[], tasks=[], manager_llm="o3-mini")\ninit_chat_model("openai:gpt-4.1-mini")\n',
      errors: [{ line: 6 }, { line: 7 }, { line: 8 }, { line: 9 }, { line: 10 }, { line: 11, column: 50 }, { line: 11, column: 81 }, { line: 12, column: 39 }, { line: 13 }],
    },
    {
      name: 'untagged Ollama names through an OpenAI-compatible client pointed at Ollama (a name, self.x, a chain, the client itself)',
      code: 'from openai import OpenAI\nfrom langchain_openai import ChatOpenAI\nclient = OpenAI(base_url="http://localhost:11434/v1", api_key="ollama")\nclient.chat.completions.create(model="llama3", messages=[])\n\nclass Bot:\n    def __init__(self):\n        self.client = OpenAI(base_url="http://ollama:11434/v1")\n\n    def ask(self):\n        return self.client.chat.completions.create(model="qwen2.5:latest", messages=[])\n\nOpenAI(base_url="http://127.0.0.1:11434/v1").chat.completions.create(model="phi3", messages=[])\nChatOpenAI(base_url="http://localhost:11434/v1", model="gemma2")\n',
      errors: [
        { line: 4, column: 38, endColumn: 46, severity: 'warning', message: /'llama3' is a moving Ollama alias.*\('llama3:<tag>'\)\.$/ },
        { line: 11, column: 58 },
        { line: 13, column: 76 },
        { line: 14, column: 56 },
      ],
    },
    {
      name: 'an Ollama server known only by the placeholder key: a hint',
      code: 'import os\nfrom openai import OpenAI\nclient = OpenAI(base_url=os.environ["LLM_URL"], api_key="ollama")\nclient.chat.completions.create(model="llama3", messages=[])\n',
      errors: [{ line: 4, severity: 'hint' }],
    },
    {
      name: 'realtime model ids in request bodies and URLs (a string, a name, an f-string with a literal name)',
      code: 'import requests, websockets, websocket\nrequests.post("https://api.openai.com/v1/realtime/sessions", json={"model": "gpt-4o-realtime-preview"})\nbody = {"model": "gpt-4o-mini-realtime-preview", "voice": "alloy"}\nrequests.post("https://api.openai.com/v1/realtime/sessions", headers=h, json=body)\nURL = "wss://api.openai.com/v1/realtime?model=gpt-4o-realtime-preview&foo=1"\nwebsockets.connect(URL, additional_headers=h)\nMODEL = "gpt-realtime"\nwebsocket.WebSocketApp(f"wss://api.openai.com/v1/realtime?model={MODEL}", header=h)\n',
      errors: [{ line: 2, column: 77 }, { line: 3, column: 18 }, { line: 5, column: 47, endColumn: 70 }, { line: 7, column: 9 }],
    },
    { name: 'a config record is not a usage record: it is handed to a client later', code: 'cfg = LLMConfig(model="gpt-4o", temperature=0)\n', errors: [{ line: 1, column: 23 }] },
    { name: 'configured extra alias', code: 'llm = Client(model="my-team-default")\n', config: { dependencies: { 'moving-model-aliases': ['my-team-default'] } }, errors: [{ line: 1, column: 20 }] },
  ],
});

describe('moving-model-alias: an AutoGen configuration in another module of the project', () => {
  const files = {
    'app/__init__.py': '',
    'app/config.py': 'import os\n\nconfig_list = [\n    {"model": "gpt-4o", "api_key": os.environ["OPENAI_API_KEY"]},\n]\nllm_config = {"config_list": config_list, "timeout": 120}\n',
    'app/llm.py': 'from app.config import llm_config\n',
  };
  const code = 'from autogen import AssistantAgent, UserProxyAgent\nfrom app.llm import llm_config\nfrom app.config import config_list\nAssistantAgent("a", llm_config=llm_config)\nUserProxyAgent("u", llm_config={"config_list": config_list})\n';

  it('is reported at each argument that carries it here, naming where the id is set', () => {
    const findings = runCase(movingModelAliasRule, { files, code });
    assert.deepEqual(
      findings.map((f) => [f.range.start.line + 1, f.range.start.column + 1, f.severity]),
      [
        [4, 32, 'warning'],
        [5, 48, 'warning'],
      ],
    );
    assert.match(findings[0]!.message, /^Model id 'gpt-4o' \(app\/config\.py:4\) is a moving OpenAI alias/);
    for (const f of findings) {
      assert.equal(f.related?.length, 1);
      assert.equal(path.basename(f.related![0]!.file!), 'config.py');
      assert.deepEqual([f.related![0]!.range.start.line + 1, f.related![0]!.range.start.column + 1], [4, 15]);
      assert.match(f.related![0]!.message, /the model id 'gpt-4o' is set here/);
    }
  });

  it('says nothing when that module cannot be parsed, and does not throw', () => {
    const broken = { ...files, 'app/config.py': 'config_list = [{"model": "gpt-4o"\nllm_config = {\n' };
    assert.deepEqual(runCase(movingModelAliasRule, { files: broken, code }), []);
  });
});
