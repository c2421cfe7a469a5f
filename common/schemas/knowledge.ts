/**
 * Contracts of the 法规政策库 (knowledge base, issue #17): documents (laws, regulations, the group's
 * own policies, 答复口径 model replies, 典型案例 typical cases), their articles (条款, the citable
 * unit), each article's versions with the dates they are in force, and tags by petition category.
 * A reply or an opinion cites article versions by id (`CitationsSchema`); the rules are in
 * common/domain/knowledge.ts.
 */
import { z } from 'zod';
import { LocalDateSchema } from '../domain/calendar.ts';
import { CategoryCodeSchema } from './category.ts';
import { IdSchema } from './unit.ts';

/** 法律, 法规, 本企业制度, 答复口径, 典型案例. */
export const KNOWLEDGE_KINDS = ['law', 'regulation', 'policy', 'model_reply', 'typical_case'] as const;
export const KnowledgeKindSchema = z.enum(KNOWLEDGE_KINDS);
export type KnowledgeKind = z.infer<typeof KnowledgeKindSchema>;

/** At most this many articles cited by one reply or opinion. */
export const MAX_CITATIONS = 10;

/**
 * The article versions a reply or opinion cites (by reference), each once. The step refuses one not
 * in force on the document's date (`citations.<i>`).
 */
export const CitationsSchema = z
  .array(IdSchema)
  .max(MAX_CITATIONS)
  .superRefine((ids, ctx) => {
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index) ctx.addIssue({ code: 'custom', path: [index], message: 'cited twice' });
    });
  });

const Title = z.string().trim().min(2).max(100);
const ArticleNumber = z.string().trim().min(1).max(30);
const ArticleText = z.string().trim().min(2).max(10_000);
const CategoryCodes = z
  .array(CategoryCodeSchema)
  .max(20)
  .superRefine((codes, ctx) => {
    codes.forEach((code, index) => {
      if (codes.indexOf(code) !== index) ctx.addIssue({ code: 'custom', path: [index], message: 'listed twice' });
    });
  });

export const KnowledgeDocumentInputSchema = z
  .object({
    kind: KnowledgeKindSchema,
    title: Title,
    issuer: z.string().trim().max(60).default(''),
    documentNumber: z.string().trim().max(60).default(''),
    summary: z.string().trim().max(2000).default(''),
  })
  .strict();
export type KnowledgeDocumentInput = z.input<typeof KnowledgeDocumentInputSchema>;

/** A new article with its first version. */
export const KnowledgeArticleInputSchema = z
  .object({
    number: ArticleNumber,
    text: ArticleText,
    effectiveFrom: LocalDateSchema,
    categoryCodes: CategoryCodes.default([]),
  })
  .strict();
export type KnowledgeArticleInput = z.input<typeof KnowledgeArticleInputSchema>;

/** A new version of an article: the text as it reads from `effectiveFrom` on. */
export const KnowledgeVersionInputSchema = z.object({ text: ArticleText, effectiveFrom: LocalDateSchema }).strict();
export type KnowledgeVersionInput = z.infer<typeof KnowledgeVersionInputSchema>;

/** An article's number and tags (its text changes only by a version). */
export const KnowledgeArticleEditSchema = z.object({ number: ArticleNumber, categoryCodes: CategoryCodes }).strict();
export type KnowledgeArticleEdit = z.infer<typeof KnowledgeArticleEditSchema>;

/** 废止: the article's current version ends on `effectiveTo` (its last day in force). */
export const KnowledgeRepealInputSchema = z.object({ effectiveTo: LocalDateSchema }).strict();

export const KnowledgeVersionViewSchema = z.object({
  id: IdSchema,
  text: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
});
export type KnowledgeVersionView = z.infer<typeof KnowledgeVersionViewSchema>;

export const KnowledgeArticleViewSchema = z.object({
  id: IdSchema,
  number: z.string(),
  categoryCodes: z.array(z.string()),
  /** Oldest first. */
  versions: z.array(KnowledgeVersionViewSchema),
  /** The version in force today, if any. */
  currentVersionId: IdSchema.nullable(),
});
export type KnowledgeArticleView = z.infer<typeof KnowledgeArticleViewSchema>;

export const KnowledgeDocumentViewSchema = z.object({
  id: IdSchema,
  kind: KnowledgeKindSchema,
  title: z.string(),
  issuer: z.string(),
  documentNumber: z.string(),
  summary: z.string(),
  /** Shipped with the system (the 《信访工作条例》): edited like any other, never deleted. */
  builtIn: z.boolean(),
  articleCount: z.number().int(),
  updatedAt: z.string(),
});
export type KnowledgeDocumentView = z.infer<typeof KnowledgeDocumentViewSchema>;

export const KnowledgeDocumentDetailViewSchema = KnowledgeDocumentViewSchema.extend({
  articles: z.array(KnowledgeArticleViewSchema),
  canManage: z.boolean(),
});
export type KnowledgeDocumentDetailView = z.infer<typeof KnowledgeDocumentDetailViewSchema>;

export const KnowledgeDocumentListViewSchema = z.object({
  items: z.array(KnowledgeDocumentViewSchema),
  canManage: z.boolean(),
});
export type KnowledgeDocumentListView = z.infer<typeof KnowledgeDocumentListViewSchema>;

/** Why an article is suggested for a case: its category tag, words of the case's text. */
export const SUGGESTION_REASONS = ['category', 'text'] as const;

/** One article version as found, suggested or cited. */
export const ArticleHitViewSchema = z.object({
  versionId: IdSchema,
  articleId: IdSchema,
  documentId: IdSchema,
  documentKind: KnowledgeKindSchema,
  documentTitle: z.string(),
  number: z.string(),
  text: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  categoryCodes: z.array(z.string()),
  /** In force on the date asked (today unless given). */
  inForce: z.boolean(),
});
export type ArticleHitView = z.infer<typeof ArticleHitViewSchema>;

export const ArticleSearchQuerySchema = z
  .object({
    q: z.string().trim().max(100).optional(),
    categoryCode: CategoryCodeSchema.optional(),
    kind: KnowledgeKindSchema.optional(),
    /** The versions in force on this date (default today); superseded versions are found for old dates. */
    on: LocalDateSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(30),
  })
  .strict();
export type ArticleSearchQuery = z.input<typeof ArticleSearchQuerySchema>;

export const ArticleHitListViewSchema = z.object({ on: z.string(), items: z.array(ArticleHitViewSchema) });
export type ArticleHitListView = z.infer<typeof ArticleHitListViewSchema>;

export const SuggestedArticleViewSchema = ArticleHitViewSchema.extend({
  reasons: z.array(z.enum(SUGGESTION_REASONS)),
  /** Words of the case found in the article (the text reason). */
  matchedWords: z.array(z.string()),
});
export type SuggestedArticleView = z.infer<typeof SuggestedArticleViewSchema>;

export const SuggestionListViewSchema = z.object({ on: z.string(), items: z.array(SuggestedArticleViewSchema) });
export type SuggestionListView = z.infer<typeof SuggestionListViewSchema>;

/** The article versions with these ids (a case's citations shown back), comma-separated. */
export const VersionIdsQuerySchema = z
  .object({
    ids: z
      .string()
      .max(2000)
      .transform((s) => s.split(',').filter((id) => id !== ''))
      .pipe(z.array(IdSchema).max(50)),
  })
  .strict();
