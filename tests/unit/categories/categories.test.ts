import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { db } from '../../../src/db/db';
import { TendDB } from '../../../src/db/schema';
import { createCategory, createCategoryNamed, updateCategory } from '../../../src/lib/categories/mutations';
import { allCategories, categoryChoices, getCategory } from '../../../src/lib/categories/queries';
import { MissingRowError, ValidationError } from '../../../src/lib/errors';
import { fixedId, refusal } from '../support';


describe('creating categories', () => {
  it('stores the trimmed name with its folded key and when it was added', async () => {
    const id = await createCategory({ name: '  Garden ' });
    const category = await getCategory(id);
    expect(category).toMatchObject({ id, name: 'Garden', nameKey: 'garden' });
    expect(category?.createdAt).toBeTypeOf('number');
  });

  it('refuses a name taken in another case, and writes nothing', async () => {
    await createCategory({ name: 'Garden' });
    expect(await refusal(createCategory({ name: 'gARDEN' }))).toEqual({ name: 'That category name is already taken' });
    expect(await db.categories.count()).toBe(1);
  });

  it('refuses bad input without writing', async () => {
    expect(await refusal(createCategory({ name: ' ' }))).toEqual({ name: 'Name is required' });
    expect(await db.categories.count()).toBe(0);
  });

  it('creates one on the spot from the post form and answers with its id as a form value', async () => {
    const value = await createCategoryNamed(' Recipes ');
    expect((await getCategory(value))?.name).toBe('Recipes');
    await expect(createCategoryNamed('recipes')).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('category names are unique in the database itself', () => {
  it('rejects a second row with the same folded name from another connection', async () => {
    await createCategory({ name: 'Garden' });
    // A second connection stands in for another tab that skips the app's own check.
    const otherTab = new TendDB();
    await expect(otherTab.categories.add({ id: fixedId(2), name: 'GARDEN', nameKey: 'garden', createdAt: 0 } as never)).rejects.toBeInstanceOf(
      Dexie.ConstraintError,
    );
    otherTab.close();
    expect(await db.categories.count()).toBe(1);
  });

  it('lets only one of two simultaneous saves of the same name win, and says so to the other', async () => {
    const results = await Promise.allSettled([createCategory({ name: 'Garden' }), createCategory({ name: 'garden' })]);
    const refused = results.filter((result) => result.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
    expect(await db.categories.count()).toBe(1);
  });
});

describe('editing categories', () => {
  it('renames and keeps id and createdAt', async () => {
    const id = await createCategory({ name: 'Garden' });
    const before = await getCategory(id);
    await updateCategory(id, { name: 'Yard' });
    expect(await getCategory(id)).toEqual({ id, name: 'Yard', nameKey: 'yard', nameSortKey: 'yard', createdAt: before?.createdAt });
  });

  it('lets a category change only the case of its own name', async () => {
    const id = await createCategory({ name: 'garden' });
    await updateCategory(id, { name: 'Garden' });
    expect((await getCategory(id))?.name).toBe('Garden');
  });

  it('refuses another category’s name and leaves both as they were', async () => {
    await createCategory({ name: 'Garden' });
    const yard = await createCategory({ name: 'Yard' });
    expect(await refusal(updateCategory(yard, { name: 'GARDEN' }))).toEqual({ name: 'That category name is already taken' });
    expect((await getCategory(yard))?.name).toBe('Yard');
  });

  it('says when the category no longer exists', async () => {
    await expect(updateCategory(fixedId(404), { name: 'Ghost' })).rejects.toBeInstanceOf(MissingRowError);
    expect(await db.categories.count()).toBe(0);
  });
});

describe('choosing a category', () => {
  it('lists categories alphabetically ignoring case', async () => {
    for (const name of ['recipes', 'Garden', 'bills', 'Appointments']) await createCategory({ name });
    expect((await allCategories()).map((category) => category.name)).toEqual(['Appointments', 'bills', 'Garden', 'recipes']);
  });

  it('offers them as options by id, leaving out the one asked to exclude', async () => {
    const garden = await createCategory({ name: 'Garden' });
    const bills = await createCategory({ name: 'Bills' });
    expect(await categoryChoices()).toEqual([
      { value: bills, label: 'Bills' },
      { value: garden, label: 'Garden' },
    ]);
    expect(await categoryChoices(bills)).toEqual([{ value: garden, label: 'Garden' }]);
  });
});
