import { unguardedIrreversibleTool } from '../../../server/src/engine/rules/unguarded-irreversible-tool';
import { ruleTester } from '../ruleTester';

const HEAD = 'import stripe\nfrom langchain_core.tools import tool\n\n';

ruleTester.run(unguardedIrreversibleTool, {
  valid: [
    { name: 'by name: a routing call that names only a read', code: `${HEAD}class Kit:\n    def create_refund(self, charge):\n        return stripe.Refund.create(charge=charge)\n    def run(self, method, charge):\n        return getattr(self, method)(charge)\n\n@tool\ndef look(charge: str) -> str:\n    return Kit().run("retrieve", charge)` },
    { name: 'not a tool', code: 'import stripe\n\ndef charge(c, amount):\n    stripe.Charge.create(customer=c, amount=amount)' },
    { name: 'a read is not irreversible', code: `${HEAD}@tool\ndef balance(c: str) -> str:\n    return stripe.Customer.retrieve(c)` },
    { name: 'creating a customer can be undone', code: `${HEAD}@tool\ndef signup(email: str) -> str:\n    return stripe.Customer.create(email=email)` },
    { name: 'confirm parameter', code: `${HEAD}@tool\ndef refund(charge: str, confirmed: bool = False) -> str:\n    if not confirmed:\n        return "ask the user first"\n    return stripe.Refund.create(charge=charge)` },
    {
      name: 'LangGraph interrupt in the tool',
      code: `${HEAD}from langgraph.types import interrupt\n\n@tool\ndef refund(charge: str) -> str:\n    if interrupt({"refund": charge}) != "yes":\n        return "cancelled"\n    return stripe.Refund.create(charge=charge)`,
    },
    {
      name: 'interrupt_before on the graph',
      code: `${HEAD}@tool\ndef refund(charge: str) -> str:\n    return stripe.Refund.create(charge=charge)\n\napp = graph.compile(checkpointer=saver, interrupt_before=["tools"])`,
    },
  ],
  invalid: [
    {
      name: 'by name: a tool routes kit.run("create_refund") to a method that refunds',
      code: `${HEAD}class Kit:\n    def create_refund(self, charge):\n        return stripe.Refund.create(charge=charge)\n    def run(self, method, charge):\n        return getattr(self, method)(charge)\n\n@tool\ndef refund(charge: str) -> str:\n    return Kit().run("create_refund", charge)`,
      errors: [{ line: 6, message: /^Irreversible payment \(`stripe\.Refund\.create`\) in LangChain @tool `refund` with no human approval/ }],
    },
    {
      name: 'refund in a LangChain tool',
      code: `${HEAD}@tool\ndef refund(charge: str) -> str:\n    return stripe.Refund.create(charge=charge)`,
      errors: [{ line: 6, column: 12, endLine: 6, endColumn: 32, message: /^Irreversible payment \(`stripe\.Refund\.create`\) in LangChain @tool `refund` with no human approval/ }],
      output: null,
    },
    {
      name: 'e-mail through a helper, file deletion, destructive SQL',
      code:
        'import smtplib, shutil\nfrom langchain_core.tools import tool\n\ndef notify(to, body):\n    with smtplib.SMTP("mail", 25, timeout=10) as s:\n        s.sendmail("bot@x.com", [to], body)\n\n' +
        '@tool\ndef close_account(user: str) -> str:\n    notify(user, "bye")\n    shutil.rmtree(f"/data/{user}")\n    db.execute("DELETE FROM users WHERE id = ?", (user,))\n    return "done"',
      errors: [
        { line: 6, column: 9, endColumn: 19, message: /Irreversible e-mail \(`smtplib\.SMTP\.sendmail`\) in LangChain @tool `close_account`/ },
        { line: 11, column: 5, endColumn: 18, message: /file deletion/ },
        { line: 12, column: 5, endColumn: 15, message: /destructive SQL/ },
      ],
    },
  ],
});
