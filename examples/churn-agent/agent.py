"""A support agent that refunds orders and e-mails customers (an example with production risks)."""
import random

import requests
import stripe
from langchain_core.tools import tool
from langchain_openai import ChatOpenAI
from langgraph.checkpoint.memory import MemorySaver
from tenacity import retry, stop_after_attempt

llm = ChatOpenAI(model="gpt-4o", temperature=0)
checkpointer = MemorySaver()
handled_tickets = []


@tool
def refund_order(order_id: str, amount_cents: int) -> str:
    """Refund an order."""
    stripe.Refund.create(payment_intent=order_id, amount=amount_cents)
    handled_tickets.append(order_id)
    return "refunded"


@retry(stop=stop_after_attempt(3))
def notify_customer(email: str, text: str) -> None:
    requests.post("https://api.mail.example.com/send", json={"to": email, "text": text}, timeout=10)


def pick_reviewer(reviewers: list[str]) -> str:
    return random.choice(reviewers)
