import {
  createKbArticle,
  idParams,
  kbArticle,
  kbArticleListItem,
  kbArticleListQuery,
  kbCategoryCounts,
  kbVersionBody,
  kbViewResponse,
  kbVoteBody,
  listResponse,
  updateKbArticle,
} from '@guanxi/contract';
import { callerOf } from '../../platform/caller.ts';
import { type Api, type Deps, deleteRoute, docs, historyRoute } from '../../platform/http.ts';
import * as service from './service.ts';

const T = 'kb';

/** 知识库: articles (drafts seen by their author and the publishers), views, votes. Not scoped. */
export function kbRoutes({ db }: Deps) {
  return async (app: Api) => {
    app.get(
      '/kb-articles',
      {
        config: { permission: 'kb:view' },
        schema: docs(
          T,
          'Articles I may read; q: title, text or the title’s pinyin (each word must occur); categoryId takes its sub-categories',
          { querystring: kbArticleListQuery, response: { 200: listResponse(kbArticleListItem) } },
        ),
      },
      async (req) => service.listArticles(db, callerOf(req).p, req.query),
    );
    app.get(
      '/kb-articles/categories',
      {
        config: { permission: 'kb:view' },
        schema: docs(T, 'How many articles I may read are in each category', {
          response: { 200: kbCategoryCounts },
        }),
      },
      async (req) => ({ data: await service.categoryCounts(db, callerOf(req).p) }),
    );
    app.get(
      '/kb-articles/:id',
      {
        config: { permission: 'kb:view' },
        schema: docs(T, 'One article (its HTML sanitised), with votes, views and tickets solved', {
          params: idParams,
          response: { 200: kbArticle },
        }),
      },
      async (req) => service.getArticle(db, callerOf(req).p, req.params.id),
    );
    historyRoute(
      app,
      { path: '/kb-articles/:id/history', tag: T, summary: 'An article’s changes', permission: 'kb:view' },
      (req, id) => service.articleHistory(db, callerOf(req).p, id),
    );
    app.post(
      '/kb-articles',
      {
        config: { permission: 'kb:create' },
        schema: docs(T, 'Write an article (a draft; published: true needs kb:publish)', {
          body: createKbArticle,
          response: { 201: kbArticle },
        }),
      },
      async (req, reply) => reply.status(201).send(await service.createArticle(db, callerOf(req), req.body)),
    );
    app.patch(
      '/kb-articles/:id',
      {
        config: { permission: 'kb:edit' },
        schema: docs(T, 'Change an article (a published one only with kb:publish)', {
          params: idParams,
          body: updateKbArticle,
          response: { 200: kbArticle },
        }),
      },
      async (req) => service.updateArticle(db, callerOf(req), req.params.id, req.body),
    );
    for (const [action, published] of [
      ['publish', true],
      ['unpublish', false],
    ] as const)
      app.post(
        `/kb-articles/:id/${action}`,
        {
          config: { permission: 'kb:publish' },
          schema: docs(T, published ? 'Publish a draft' : 'Take a published article back to draft', {
            params: idParams,
            body: kbVersionBody,
            response: { 200: kbArticle },
          }),
        },
        async (req) => service.setPublished(db, callerOf(req), req.params.id, req.body.version, published),
      );
    app.post(
      '/kb-articles/:id/view',
      {
        config: { permission: 'kb:view' },
        schema: docs(T, 'Count my reading (once per person and day)', {
          params: idParams,
          response: { 200: kbViewResponse },
        }),
      },
      async (req) => service.viewArticle(db, callerOf(req), req.params.id),
    );
    app.post(
      '/kb-articles/:id/vote',
      {
        config: { permission: 'kb:view' },
        schema: docs(T, '有帮助 / 没帮助 on a published article (one vote per person; null takes it back)', {
          params: idParams,
          body: kbVoteBody,
          response: { 200: kbArticle },
        }),
      },
      async (req) => service.voteArticle(db, callerOf(req), req.params.id, req.body.helpful),
    );
    deleteRoute(
      app,
      { path: '/kb-articles/:id', tag: T, summary: 'Delete an article', permission: 'kb:delete' },
      (req, id, version) => service.deleteArticle(db, callerOf(req), id, version),
    );
  };
}
