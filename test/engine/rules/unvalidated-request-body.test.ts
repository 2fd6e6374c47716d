import { unvalidatedRequestBody } from '../../../server/src/engine/rules/unvalidated-request-body';
import { ruleTester } from '../ruleTester';

const APP = 'from typing import Any, Dict\nfrom fastapi import FastAPI, Request, Depends, Body\nfrom pydantic import BaseModel\napp = FastAPI()\n';

ruleTester.run(unvalidatedRequestBody, {
  valid: [
    { name: 'a pydantic request model', code: `${APP}class Query(BaseModel):\n    text: str\n@app.post("/predict")\ndef predict(q: Query, limit: int = 3):\n    return {}` },
    { name: 'a dict from a dependency, not the body', code: `${APP}def current_user() -> dict:\n    return {}\n@app.get("/me")\ndef me(user: dict = Depends(current_user)):\n    return user` },
    { name: 'the raw bytes of a webhook (signature check)', code: `${APP}@app.post("/webhook")\nasync def hook(request: Request):\n    payload = await request.body()\n    return verify(payload)` },
    { name: 'request.json() validated by model_validate', code: `${APP}class Query(BaseModel):\n    text: str\n@app.post("/q")\nasync def q(request: Request):\n    data = await request.json()\n    query = Query.model_validate(data)\n    return query` },
    { name: 'request.json() into a model constructor', code: `${APP}class Query(BaseModel):\n    text: str\n@app.post("/q")\nasync def q(request: Request):\n    return Query(**await request.json())` },
    { name: 'request.json() checked with jsonschema', code: `${APP}import jsonschema\n@app.post("/q")\nasync def q(request: Request):\n    data = await request.json()\n    jsonschema.validate(data, SCHEMA)\n    return data` },
    { name: 'a dict parameter of a plain function (not an endpoint)', code: `${APP}def helper(payload: dict):\n    return payload` },
    { name: 'a dict return annotation', code: `${APP}@app.get("/info")\ndef info() -> Dict[str, Any]:\n    return {}` },
    { name: 'a Flask route (another item covers it)', code: 'from flask import Flask, request\napp = Flask(__name__)\n@app.post("/p")\ndef p(payload: dict):\n    return request.get_json()' },
    { name: 'test code', filename: 'tests/test_app.py', code: `${APP}@app.post("/predict")\ndef predict(payload: dict):\n    return payload` },
  ],
  invalid: [
    {
      name: 'a body parameter typed dict',
      code: `${APP}@app.post("/predict")\ndef predict(payload: dict):\n    return payload`,
      errors: [{ line: 6, column: 13, endLine: 6, endColumn: 26, message: /^Endpoint `predict` takes `payload: dict`: FastAPI accepts any JSON object/ }],
    },
    {
      name: 'Dict[str, Any] on a router, with Body()',
      code: `${APP}from fastapi import APIRouter\nrouter = APIRouter()\n@router.put("/items/{item_id}")\nasync def put(item_id: str, item: Dict[str, Any] = Body(...)):\n    return item`,
      errors: [{ line: 8, column: 29, endLine: 8, endColumn: 61, message: /takes `item: Dict\[str, Any\]`/ }],
    },
    {
      name: 'request.json() read with .get and never validated',
      code: `${APP}@app.post("/api/reports")\nasync def create(request: Request):\n    data = await request.json()\n    return store.save(data.get("id"), data)`,
      errors: [{ line: 7, column: 18, endLine: 7, endColumn: 32, message: /^Endpoint `create` parses the body with `request\.json\(\)` and never validates it/ }],
    },
    {
      name: 'an Any body',
      code: `${APP}@app.post("/echo")\ndef echo(body: Any):\n    return body`,
      errors: [{ line: 6, column: 10, endLine: 6, endColumn: 19, message: /takes `body: Any`/ }],
    },
  ],
});
