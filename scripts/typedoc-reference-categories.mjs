/**
 * A typedoc plugin (typedoc.json "plugin"): an export that two entries share (`lint` is in the
 * main entry and in `callfire-dialplan/lint`) is documented once; the other entry lists it as a
 * reference, which has no comment of its own and so would fall into the default category. This
 * gives each reference the `@category` of what it points to, before typedoc sorts the pages into
 * categories (its CategoryPlugin runs at RESOLVE_END with priority -200).
 */
import { Comment, CommentTag, Converter, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(
    Converter.EVENT_RESOLVE_END,
    (context) => {
      for (const reference of context.project.getReflectionsByKind(ReflectionKind.Reference)) {
        if (!reference.isReference() || reference.comment?.getTag('@category')) continue;
        const target = reference.getTargetReflectionDeep();
        const comment = target.isDeclaration() ? (target.comment ?? target.getNonIndexSignatures()[0]?.comment) : target.comment;
        const tags = comment?.blockTags.filter((t) => t.tag === '@category') ?? [];
        if (tags.length === 0) continue;
        reference.comment ??= new Comment();
        for (const tag of tags) reference.comment.blockTags.push(new CommentTag('@category', tag.content));
      }
    },
    0,
  );
}
