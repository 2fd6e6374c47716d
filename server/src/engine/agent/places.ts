/** Service and agent code, as python/rerunPlaces.ts finds it (tools, tasks, consumers, handlers). */
import { SERVICE_PLACE_KINDS } from '../catalogues/agent';
import type { PythonProgram } from '../python/program';
import { placeAt, type RerunPlace } from '../python/rerunPlaces';
import type { PyNode } from '../python/syntax';

/** The tool, task, consumer or request handler a node runs in (one helper level deep). */
export function servicePlaceAt(program: PythonProgram, unit: number, node: PyNode): RerunPlace | undefined {
  const place = placeAt(program, unit, node);
  return place && SERVICE_PLACE_KINDS.has(place.kind) ? place : undefined;
}

/** The function name of a place, for messages. */
export function placeName(place: RerunPlace): string {
  return place.functionInfo ? `${place.label} \`${place.functionInfo.name}\`` : place.label;
}
