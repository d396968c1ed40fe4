import { DataType } from 'apache-arrow';
import type { ColumnRole } from './column-plan';
import {
  isBinaryType,
  isFloatFixedList,
  isFloatList,
  isStringList,
  isStringType,
  isTemporalType,
} from './arrow-guards';

/**
 * Column roles from name + type (docs/architecture.md, "Data model"). A name alone never
 * decides: `id` must be a string or an integer, `created_at` must be a timestamp, and so on, so a
 * file that happens to use the same names for other things falls back to 'other'.
 */

const ID_NAME = /(^|[_\-\s])(id|uuid|guid|key)$|^(id|uuid|guid|key)$|Id$/;
const CATEGORY_NAME = /^(category|categories|kind|type|label|class|topic|namespace|collection|source)$/i;
const EMBEDDING_NAME = /(embedding|embeddings|vector|vectors|emb|embed)$/i;
const DIFF_NAME = /(diff|patch|delta|changes?)(_data|_bytes)?$/i;
const TEXT_NAME =
  /(content|text|summary|body|description|message|note|notes|title|prompt|response|answer|question|document|doc)$/i;

export interface RoleHints {
  /** Vector dimension when the column was recognised as a vector (uniform-length float list). */
  vectorDim?: number | undefined;
}

export function detectRole(name: string, type: DataType, hints: RoleHints = {}): ColumnRole {
  if (isFloatFixedList(type)) return 'embedding';
  if (isFloatList(type)) {
    // A float list is an embedding when every row shares one length (checked on decoded rows), or
    // when the name says so; otherwise it is an ordinary list (scores, weights, ...).
    return hints.vectorDim !== undefined || EMBEDDING_NAME.test(name) ? 'embedding' : 'other';
  }
  if (isStringList(type)) return 'entities';
  if (isTemporalType(type)) return 'time';
  if (isBinaryType(type)) return DIFF_NAME.test(name) ? 'diff' : 'other';
  const stringy = isStringType(type) || (DataType.isDictionary(type) && isStringType(type.dictionary));
  const integer = DataType.isInt(type);
  if ((stringy || integer) && ID_NAME.test(name)) return 'id';
  if (stringy && CATEGORY_NAME.test(name)) return 'category';
  if (stringy && TEXT_NAME.test(name)) return 'text';
  return 'other';
}
