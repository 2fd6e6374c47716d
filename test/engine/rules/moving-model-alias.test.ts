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
    { name: 'allowed-model-ids', code: 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o", messages=[])\n', config: { dependencies: { 'allowed-model-ids': ['gpt-4o'] } } },
  ],
  invalid: [
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
    { name: 'configured extra alias', code: 'llm = Client(model="my-team-default")\n', config: { dependencies: { 'moving-model-aliases': ['my-team-default'] } }, errors: [{ line: 1, column: 20 }] },
  ],
});
