import { unpinnedBaseImage } from '../../../server/src/engine/rules/unpinned-base-image';
import { ruleTester } from '../ruleTester';

const df = (manifest: string, filename = 'Dockerfile') => ({ manifest, filename });

ruleTester.run(unpinnedBaseImage, {
  valid: [
    df('FROM python:3.12-slim\n'),
    df('FROM docker.io/ubuntu:22.04\n'),
    df('FROM python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n'),
    df('FROM python:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n'),
    df('FROM scratch\nCOPY app /app\n'),
    df('FROM python:3.12 AS build\nRUN echo\nFROM build\nFROM build AS final\n'),
    df('ARG BASE=python:3.12-slim\nFROM ${BASE}\n'),
    df('ARG VERSION=3.12\nFROM python:${VERSION}\n'),
    df('FROM localhost:5000/team/app:1.2.3\n'),
    df('ARG BASE\nFROM $BASE\n'),
    df('# no FROM at all\nRUN echo\n'),
  ],
  invalid: [
    { ...df('FROM langchain/langchain\n', 'bot.Dockerfile'), errors: [{ line: 1, column: 6, endColumn: 25, message: /'langchain\/langchain' has no tag/ }] },
    { ...df('#syntax = docker/dockerfile:1.4\n\nFROM ollama/ollama:latest AS ollama\nFROM babashka/babashka:latest\nCOPY --from=ollama /bin/ollama ./bin/ollama\n', 'pull_model.Dockerfile'), errors: [{ line: 3, column: 6, endColumn: 26, message: /moving `latest` tag/ }, { line: 4, column: 6 }] },
    { name: 'ARG default resolves to an untagged image', ...df('ARG BASE=python\nFROM ${BASE}\n'), errors: [{ line: 2, column: 6, message: /'python' has no tag/ }] },
    { name: 'a registry port is not a tag', ...df('FROM localhost:5000/team/app\n'), errors: [{ line: 1 }] },
    { name: 'Containerfile', ...df('FROM --platform=linux/amd64 node\n', 'Containerfile'), errors: [{ line: 1, column: 29, endColumn: 33 }] },
  ],
});
